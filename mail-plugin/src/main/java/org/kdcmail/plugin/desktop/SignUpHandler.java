package org.kdcmail.plugin.desktop;

import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.plugin.enroll.KdcAddress;

/**
 * Enrolls what the sign-up form collected ({@link EnrollmentSignUp} runs the real {@link
 * org.kdcmail.plugin.enroll.Enrollment}). The form shows {@link #kdc()} and {@link #fingerprint()}
 * for the user to compare, so what the user checks is exactly what the handler pins.
 */
public interface SignUpHandler {

  /** The KDC the handler enrolls with. */
  KdcAddress kdc();

  /** The KDC identity the handler pins, as configured for this office. */
  IdentityFingerprint fingerprint();

  /**
   * Enrolls; called off the event dispatch thread. Does not clear {@code entry} (the form does).
   *
   * @return enrolled, or failed with a message for the user
   */
  SignUpResult submit(SignUpEntry entry) throws InterruptedException;
}
