package org.kdcmail.plugin.enroll;

import org.kdcmail.kdc.protocol.enrollment.EnrollmentError;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentError.Reason;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentErrorCodes;

/**
 * How a KDC refusal reaches the client and what the user reads. The KDC may refuse in two ways, and
 * the client understands both:
 *
 * <ul>
 *   <li>an {@link EnrollmentError} message ({@code 01 7F reason}) as the payload of the enrollment
 *       frame it would otherwise have answered with;
 *   <li>an {@code ERROR} frame whose code is {@link EnrollmentErrorCodes#wireCode} (e.g. {@code
 *       0x0101} = BAD_CODE).
 * </ul>
 */
public final class EnrollmentRefusals {

  private EnrollmentRefusals() {}

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
