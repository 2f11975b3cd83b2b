package org.kdcmail.plugin.desktop;

import java.util.Arrays;
import java.util.Objects;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;

/**
 * A validated sign-up, handed to a {@link SignUpHandler}. The form owns the secrets and clears them
 * ({@link #clear()}) after the handler returns; {@link #toString()} shows none of them.
 *
 * @param username the user's full address
 * @param loginPassword protects the local store
 * @param mkId the master key ID
 * @param mkPassword the master key password
 * @param code the enrollment code
 */
public record SignUpEntry(
    String username, char[] loginPassword, char[] mkId, char[] mkPassword, EnrollmentCode code) {

  public SignUpEntry {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(loginPassword, "loginPassword");
    Objects.requireNonNull(mkId, "mkId");
    Objects.requireNonNull(mkPassword, "mkPassword");
    Objects.requireNonNull(code, "code");
  }

  /** Overwrites the three secrets with zeros and destroys the code. */
  public void clear() {
    Arrays.fill(loginPassword, '\0');
    Arrays.fill(mkId, '\0');
    Arrays.fill(mkPassword, '\0');
    code.destroy();
  }

  @Override
  public String toString() {
    return "SignUpEntry[" + username + "]";
  }
}
