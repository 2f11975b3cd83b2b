package org.kdcmail.kdc.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a KDC keeps its files: one folder (by default {@code kdc/} under the kdcmail home) holding
 * the settings, the wrapped KEK, the admin token, the store and the key bank.
 *
 * @param root the KDC's folder
 */
public record KdcPaths(Path root) {

  public KdcPaths {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The KDC folder under a kdcmail home folder. */
  public static KdcPaths underHome(Path home) {
    return new KdcPaths(home.resolve("kdc"));
  }

  public Path settings() {
    return root.resolve("kdc.properties");
  }

  public Path kekFile() {
    return root.resolve("kek.wrapped");
  }

  /** The KEK wrapped by a PKCS#11 token's key, when the settings name a token. */
  public Path tokenKekFile() {
    return root.resolve("kek.token");
  }

  public Path store() {
    return root.resolve("store");
  }

  public Path keyBank() {
    return root.resolve("keybank");
  }
}
