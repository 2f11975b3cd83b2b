package org.kdcmail.plugin.enroll;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A completed enrollment: the KDC confirmed the master key and the local store was written.
 *
 * @param username the enrolled user
 * @param kdc the KDC that enrolled them
 * @param storePath the local store just written
 */
public record EnrollmentResult(String username, KdcAddress kdc, Path storePath) {
  public EnrollmentResult {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(kdc, "kdc");
    Objects.requireNonNull(storePath, "storePath");
  }
}
