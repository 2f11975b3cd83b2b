package org.kdcmail.kdc.protocol.session;

import java.security.GeneralSecurityException;

/**
 * A session message was refused: malformed, failed authentication, or failed a check after
 * decryption. The messages are the constants below; none carries a secret or echoed input.
 */
public class SessionException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  /** Bad length, version, type, count or field. */
  public static final String MALFORMED = "malformed session message";

  /** Authentication (AEAD) failed: wrong key, tampered, or another message kind. Generic. */
  public static final String REJECTED = "session message rejected";

  /** The reply's nonce is not the one of the outstanding request (replayed reply, attack A2). */
  public static final String NONCE_MISMATCH = "nonce mismatch";

  /** The reply names another sender or other recipients than the request. */
  public static final String REPLY_MISMATCH = "reply does not match the request";

  /** The reply's or ticket's not-after has passed. */
  public static final String EXPIRED = "ticket expired";

  /** The ticket's issue time lies in the future beyond the skew allowance. */
  public static final String NOT_YET_VALID = "ticket not yet valid";

  /** The ticket is for another recipient. */
  public static final String WRONG_RECIPIENT = "ticket is for another recipient";

  public SessionException(String message) {
    super(message);
  }

  static SessionException malformed() {
    return new SessionException(MALFORMED);
  }

  static SessionException rejected() {
    return new SessionException(REJECTED);
  }
}
