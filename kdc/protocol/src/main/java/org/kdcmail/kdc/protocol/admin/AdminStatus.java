package org.kdcmail.kdc.protocol.admin;

import java.util.Optional;

/** The outcome of an admin command, one byte on the wire. */
public enum AdminStatus {
  /** The command ran; the body is its output. */
  OK(0x00),
  /** The command name is not known to this KDC. */
  UNKNOWN_COMMAND(0x01),
  /** The arguments were not acceptable; the body says why. */
  INVALID_ARGUMENTS(0x02),
  /** The command ran and failed; the body says why. */
  FAILED(0x03);

  private final int code;

  AdminStatus(int code) {
    this.code = code;
  }

  /** The wire code. */
  public int code() {
    return code;
  }

  /** The status with this code, or empty. */
  public static Optional<AdminStatus> fromCode(int code) {
    for (AdminStatus s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
