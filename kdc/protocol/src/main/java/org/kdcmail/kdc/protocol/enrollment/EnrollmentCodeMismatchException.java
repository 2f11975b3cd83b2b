package org.kdcmail.kdc.protocol.enrollment;

/**
 * The client's proof of the enrollment code did not verify. The KDC counts these per invitation and
 * locks the invitation after the documented number of attempts. No points were produced.
 */
public final class EnrollmentCodeMismatchException extends EnrollmentException {

  private static final long serialVersionUID = 1L;

  public EnrollmentCodeMismatchException() {
    super("enrollment code proof does not verify");
  }
}
