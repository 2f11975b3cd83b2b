package org.kdcmail.kdc.protocol.enrollment;

import java.util.Arrays;
import java.util.Optional;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentError.Reason;
import org.kdcmail.kdc.protocol.wire.WireError;

/**
 * How a refused enrollment travels on the wire: an error frame whose code is {@link
 * WireError#FIRST_APPLICATION_CODE} plus the reason's one-byte code.
 */
public final class EnrollmentErrorCodes {
  private EnrollmentErrorCodes() {}

  /** The error-frame code for {@code reason}. */
  public static int wireCode(Reason reason) {
    return WireError.FIRST_APPLICATION_CODE + Byte.toUnsignedInt(reason.code());
  }

  /** The reason behind an error-frame code, if it is an enrollment code. */
  public static Optional<Reason> reasonOf(int wireCode) {
    return Arrays.stream(Reason.values()).filter(r -> wireCode(r) == wireCode).findFirst();
  }
}
