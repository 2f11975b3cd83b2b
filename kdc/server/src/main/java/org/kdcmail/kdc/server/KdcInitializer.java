package org.kdcmail.kdc.server;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Objects;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.kdc.protocol.enrollment.KdcIdentity;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.store.IdentityKey;
import org.kdcmail.kdc.server.store.KdcStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kdcmail kdc init}: creates a KDC's folder — settings, the KEK wrapped under the admin
 * passphrase or a PKCS#11 token's key, the store with a fresh Ed25519 identity — drawing every
 * secret from the configured entropy source through the health tests and the DRBG.
 */
public final class KdcInitializer {
  private static final Logger log = LoggerFactory.getLogger(KdcInitializer.class);

  /** Identity key algorithm recorded in the store. */
  static final String IDENTITY_ALGORITHM = "Ed25519";

  private final KdcPaths paths;
  private final KdcSettings settings;
  private final Argon2Parameters passphraseCost;

  public KdcInitializer(KdcPaths paths, KdcSettings settings, Argon2Parameters passphraseCost) {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.passphraseCost = Objects.requireNonNull(passphraseCost, "passphraseCost");
  }

  /**
   * Creates the KDC and returns its identity fingerprint, for the admin to hand to users. {@code
   * passphrase} is the admin passphrase, or the token PIN when the settings name a PKCS#11 token.
   *
   * @throws FileAlreadyExistsException when the folder already holds a KDC
   */
  public IdentityFingerprint initialize(char[] passphrase) throws IOException {
    if (Files.exists(paths.settings())
        || Files.exists(paths.kekFile())
        || Files.exists(paths.tokenKekFile())) {
      throw new FileAlreadyExistsException(
          paths.root().toString(), null, "a KDC is already initialized here");
    }
    Files.createDirectories(
        paths.root(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try (KdcRandomness randomness =
        KdcRandomness.open(settings.source(), settings.nodeId(), new SimpleMeterRegistry())) {
      KdcKek kek = KekVault.create(paths, settings, passphrase, passphraseCost, randomness.drbg());
      KdcIdentity identity = KdcIdentity.generate(randomness.drbg()::nextBytes);
      try (KdcStore store = KdcStore.open(settings.databaseLocation(paths, System.getenv()), kek)) {
        byte[] seed = identity.copySeed();
        try {
          store.storeIdentity(IdentityKey.of(IDENTITY_ALGORITHM, identity.publicKey(), seed));
        } finally {
          Arrays.fill(seed, (byte) 0);
        }
      } finally {
        kek.destroy();
      }
      settings.write(paths.settings());
      IdentityFingerprint fingerprint = identity.fingerprint();
      identity.destroy();
      log.info(
          "KDC initialized in {}; identity fingerprint {}", paths.root(), fingerprint.format());
      return fingerprint;
    }
  }
}
