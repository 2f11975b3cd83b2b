package org.kdcmail.plugin.enroll;

import java.nio.file.Path;
import java.util.Objects;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;

/**
 * What the user supplies for one enrollment. The secrets ({@code loginPassword}, {@code mkId},
 * {@code mkPassword}, {@code code}) stay owned by the caller, who clears them afterwards ({@link
 * #clear()} does all four); {@link #toString()} prints none of them.
 *
 * @param kdc where the KDC listens
 * @param fingerprint the KDC identity fingerprint the admin printed with the invitation
 * @param username the invited user
 * @param loginPassword protects the local store
 * @param mkId the master key ID
 * @param mkPassword the master key password
 * @param code the enrollment code from the admin
 * @param storePath where the local store is written
 * @param replaceExisting whether an existing store at {@code storePath} may be replaced
 */
public record EnrollmentRequest(
    KdcAddress kdc,
    IdentityFingerprint fingerprint,
    String username,
    char[] loginPassword,
    char[] mkId,
    char[] mkPassword,
    EnrollmentCode code,
    Path storePath,
    boolean replaceExisting) {

  public EnrollmentRequest {
    Objects.requireNonNull(kdc, "kdc");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(loginPassword, "loginPassword");
    Objects.requireNonNull(mkId, "mkId");
    Objects.requireNonNull(mkPassword, "mkPassword");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(storePath, "storePath");
    requireNonEmpty(loginPassword, "login password");
    requireNonEmpty(mkId, "master key ID");
    requireNonEmpty(mkPassword, "master key password");
  }

  /** Overwrites the three passwords with zeros and destroys the code. */
  public void clear() {
    java.util.Arrays.fill(loginPassword, '\0');
    java.util.Arrays.fill(mkId, '\0');
    java.util.Arrays.fill(mkPassword, '\0');
    code.destroy();
  }

  @Override
  public String toString() {
    return "EnrollmentRequest[" + username + " at " + kdc + ", store " + storePath + "]";
  }

  private static void requireNonEmpty(char[] secret, String what) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("the " + what + " must not be empty");
    }
  }
}
