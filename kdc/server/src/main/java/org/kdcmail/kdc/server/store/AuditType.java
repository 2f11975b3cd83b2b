package org.kdcmail.kdc.server.store;

import java.util.Arrays;

/** The kinds of audit entries; {@link #label()} is what is stored and printed. */
public enum AuditType {
  /** A user completed enrollment (actor: the user). */
  ENROLLMENT("enrollment"),
  /** A session key was issued (actor: sender, subject: key id). */
  ISSUANCE("issuance"),
  /** A request was refused as a replay (actor: sender, subject: nonce in hex). */
  REPLAY_REFUSED("replay_refused"),
  /** Admin: an invitation was created. */
  INVITE("invite"),
  /** Admin: a user was disabled. */
  DISABLE("disable"),
  /** Admin: a user was enabled. */
  ENABLE("enable"),
  /** Admin: a user's master key was rotated. */
  ROTATE("rotate"),
  /** Admin: a session key or a whole QRNG batch was revoked. */
  REVOKE("revoke"),
  /** Admin: an online backup was written (subject: its folder). */
  BACKUP("backup");

  private final String label;

  AuditType(String label) {
    this.label = label;
  }

  /** The stored form, e.g. {@code "replay_refused"}. */
  public String label() {
    return label;
  }

  /**
   * The type with this label.
   *
   * @throws IllegalArgumentException for an unknown label
   */
  public static AuditType fromLabel(String label) {
    return Arrays.stream(values())
        .filter(t -> t.label.equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown audit type: " + label));
  }
}
