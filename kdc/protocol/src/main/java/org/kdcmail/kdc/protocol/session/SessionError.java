package org.kdcmail.kdc.protocol.session;

/**
 * Why the KDC refused a session-key or ticket-fetch request; sent as an error frame with code
 * {@code 0x0200 + code} ({@link SessionErrorCodes}).
 */
public enum SessionError {
  /** The sender (or fetching recipient) is not enrolled. */
  UNKNOWN_SENDER(0x01),
  /** The sender's account is disabled. */
  SENDER_DISABLED(0x02),
  /** The timestamp is outside the skew window; the message names the skew. */
  CLOCK_SKEW(0x03),
  /** The request was seen before within the skew window. */
  REPLAY(0x04),
  /** Malformed or failed authentication; deliberately generic. */
  BAD_REQUEST(0x05),
  /** The key id was revoked. */
  KEY_REVOKED(0x06),
  /** The fetching user was not named in that issuance (or the key id is unknown). */
  NOT_A_RECIPIENT(0x07),
  /** The KDC cannot issue now (e.g. the key source failed a health test). */
  UNAVAILABLE(0x08);

  private final int code;

  SessionError(int code) {
    this.code = code;
  }

  /** The reason code, added to {@link SessionErrorCodes#BASE}. */
  public int code() {
    return code;
  }
}
