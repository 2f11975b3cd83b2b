package org.kdcmail.kdc.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a KDC keeps its files: one folder (by default {@code kdc/} under the kdcmail home) holding
 * the settings, the wrapped KEK and the admin token, and a data folder holding the store and the
 * key bank — the same folder unless {@link #withData(Path)} names another (the sandbox keeps its
 * databases in {@code --data DIR}).
 *
 * @param root the KDC's folder
 * @param data the folder of the store and the key bank
 */
public record KdcPaths(Path root, Path data) {

  public KdcPaths {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    data = Objects.requireNonNull(data, "data").toAbsolutePath().normalize();
  }

  /** Everything in {@code root}, databases included. */
  public KdcPaths(Path root) {
    this(root, root);
  }

  /** The KDC folder under a kdcmail home folder. */
  public static KdcPaths underHome(Path home) {
    return new KdcPaths(home.resolve("kdc"));
  }

  /** The same KDC folder with the store and the key bank in {@code dataFolder}. */
  public KdcPaths withData(Path dataFolder) {
    return new KdcPaths(root, dataFolder);
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
    return data.resolve("store");
  }

  public Path keyBank() {
    return data.resolve("keybank");
  }
}
