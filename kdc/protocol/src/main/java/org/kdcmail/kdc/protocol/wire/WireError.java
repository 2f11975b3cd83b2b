package org.kdcmail.kdc.protocol.wire;

import java.util.Optional;

/**
 * Transport-level error codes carried in an {@link ErrorFrame}. Codes {@code 0x0001..0x00FF} are
 * reserved for this enum; {@code 0x0100..0xFFFF} are application codes (enrollment, session keys,
 * administration) defined by the layers above.
 */
public enum WireError {
  /** Unknown version or type byte, or a frame cut short. */
  MALFORMED_FRAME(0x0001),
  /** The announced payload length exceeds the receiver's maximum. */
  FRAME_TOO_LARGE(0x0002),
  /** No complete frame arrived within the connection's idle timeout. */
  TIMEOUT(0x0003),
  /** The server is at its connection cap. */
  TOO_MANY_CONNECTIONS(0x0004),
  /** Missing or wrong credentials, or a peer not allowed for this request. */
  UNAUTHORIZED(0x0005),
  /** A well-formed frame that is not acceptable at this point of the conversation. */
  PROTOCOL_ERROR(0x0006),
  /** The server failed; details are in its log only. */
  INTERNAL_ERROR(0x0007);

  /** The first code available to applications. */
  public static final int FIRST_APPLICATION_CODE = 0x0100;

  private final int code;

  WireError(int code) {
    this.code = code;
  }

  /** The two-byte wire code. */
  public int code() {
    return code;
  }

  /** The transport error with this code; empty for application or unassigned codes. */
  public static Optional<WireError> fromCode(int code) {
    for (WireError e : values()) {
      if (e.code == code) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
