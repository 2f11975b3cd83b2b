package org.kdcmail.plugin.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentFailedException;
import org.kdcmail.plugin.enroll.EnrollmentRequest;
import org.kdcmail.plugin.enroll.KdcAddress;

/**
 * Runs the sign-up form's entries through {@link Enrollment} with one KDC address and pinned
 * fingerprint, writing {@code HOME/users/<user>/client.store}. Never replaces an existing store:
 * re-enrolling on a computer is for {@code kdcmail enroll --replace}.
 */
public final class EnrollmentSignUp implements SignUpHandler {

  private final Enrollment enrollment;
  private final KdcAddress kdc;
  private final IdentityFingerprint fingerprint;
  private final ClientPaths paths;

  /**
   * @param fingerprint the KDC identity this office's configuration names
   */
  public EnrollmentSignUp(
      Enrollment enrollment, KdcAddress kdc, IdentityFingerprint fingerprint, ClientPaths paths) {
    this.enrollment = Objects.requireNonNull(enrollment, "enrollment");
    this.kdc = Objects.requireNonNull(kdc, "kdc");
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.paths = Objects.requireNonNull(paths, "paths");
  }

  @Override
  public KdcAddress kdc() {
    return kdc;
  }

  @Override
  public IdentityFingerprint fingerprint() {
    return fingerprint;
  }

  @Override
  public SignUpResult submit(SignUpEntry entry) {
    Path store = paths.storeFile(entry.username());
    if (Files.exists(store)) {
      return new SignUpResult.Failed(
          entry.username()
              + " is already enrolled on this computer; to enroll again, ask your admin for a"
              + " new code and run kdcmail enroll --replace");
    }
    EnrollmentRequest request =
        new EnrollmentRequest(
            kdc,
            fingerprint,
            entry.username(),
            entry.loginPassword(),
            entry.mkId(),
            entry.mkPassword(),
            entry.code(),
            store,
            false);
    try {
      return new SignUpResult.Enrolled(enrollment.enroll(request));
    } catch (EnrollmentFailedException e) {
      return new SignUpResult.Failed(e.getMessage());
    }
  }
}
