package org.kdcmail.plugin.enroll;

import java.util.Optional;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentError;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentError.Reason;

/**
 * How a KDC refusal reaches the client and what the user reads. The KDC may refuse in two ways, and
 * the client understands both:
 *
 * <ul>
 *   <li>an {@link EnrollmentError} message ({@code 01 7F reason}) as the payload of the enrollment
 *       frame it would otherwise have answered with;
 *   <li>an {@code ERROR} frame with application code {@value #ERROR_FRAME_CODE_BASE} {@code +}
 *       reason code (e.g. {@code 0x0101} = BAD_CODE).
 * </ul>
 */
public final class EnrollmentRefusals {

  /** Error-frame code of reason {@code r} is {@code ERROR_FRAME_CODE_BASE + r.code()}. */
  public static final int ERROR_FRAME_CODE_BASE = 0x0100;

  private EnrollmentRefusals() {}

  /** The error-frame code for a refusal. */
  public static int errorFrameCode(Reason reason) {
    return ERROR_FRAME_CODE_BASE + (reason.code() & 0xFF);
  }

  /** The refusal an error-frame code stands for, if any. */
  public static Optional<Reason> fromErrorFrameCode(int code) {
    for (Reason reason : Reason.values()) {
      if (errorFrameCode(reason) == code) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }

  /** The line the user reads for a refusal of {@code username}'s enrollment. */
  public static String message(Reason reason, String username) {
    return switch (reason) {
      case BAD_CODE -> "the enrollment code is wrong";
      case INVITATION_LOCKED ->
          "the invitation is locked after 5 wrong codes; ask your admin for a new one";
      case EXPIRED -> "the invitation has expired";
      case UNKNOWN_INVITATION -> "no pending invitation for " + username;
      case PROTOCOL_ERROR -> "the KDC rejected an enrollment message (protocol error)";
      case CONFIRMATION_FAILED ->
          "the KDC could not confirm the master key; nothing was stored, try again";
      case UNAVAILABLE -> "the KDC cannot enroll anyone right now; try again later";
    };
  }
}
