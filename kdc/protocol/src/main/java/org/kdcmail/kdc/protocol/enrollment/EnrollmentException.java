package org.kdcmail.kdc.protocol.enrollment;

import java.security.GeneralSecurityException;

/**
 * An enrollment failed: a malformed or tampered message, a failed signature, MAC or AEAD check, or
 * an invalid public value. Messages are generic and never carry secrets; the only specific ones are
 * {@link #IDENTITY_MISMATCH} and {@link #SIGNATURE_INVALID}, which the client shows to the user.
 */
public class EnrollmentException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  /** The client's message when the KDC's identity key does not hash to the pinned fingerprint. */
  public static final String IDENTITY_MISMATCH =
      "KDC identity does not match the pinned fingerprint";

  /** The client's message when the KDC's signature over the transcript does not verify. */
  public static final String SIGNATURE_INVALID = "transcript signature invalid";

  /** The generic message for every other cryptographic or format failure. */
  public static final String GENERIC = "enrollment failed";

  /** Malformed message (bad length, version, type or field). */
  public static final String MALFORMED = "malformed enrollment message";

  public EnrollmentException(String message) {
    super(message);
  }

  static EnrollmentException generic() {
    return new EnrollmentException(GENERIC);
  }

  static EnrollmentException malformed() {
    return new EnrollmentException(MALFORMED);
  }
}
