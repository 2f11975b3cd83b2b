package org.kdcmail.plugin.enroll;

/**
 * Enrollment did not complete and nothing was stored. The message is one line for the user, says
 * what to do where there is something to do, and carries no secret.
 */
public final class EnrollmentFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with this user-facing message. */
  public EnrollmentFailedException(String message) {
    super(message);
  }

  /** A failure with this user-facing message and its cause (for debugging). */
  public EnrollmentFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
