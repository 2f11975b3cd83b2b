package org.kdcmail.kdc.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.kdc.protocol.enrollment.KdcIdentity;
import org.kdcmail.kdc.server.admin.AdminTokenFile;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.store.DatabaseLocation;
import org.kdcmail.kdc.server.store.IdentityKey;
import org.kdcmail.kdc.server.store.KdcStore;
import org.kdcmail.kdc.server.transport.FrameServer;
import org.kdcmail.qrng.bank.KeyBank;
import org.kdcmail.qrng.bank.KeyBankBuilder;
import org.kdcmail.qrng.bank.KeyEncryptionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running KDC: the KEK unwrapped with the admin passphrase, the store, the identity key, the
 * health-tested randomness with its key bank, and the TCP listener serving enrollments and admin
 * requests. A fresh admin token is written to the KDC's folder at every start.
 */
public final class KdcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KdcServer.class);

  private final KdcSettings settings;
  private final KdcStore store;
  private final KdcIdentity identity;
  private final KdcRandomness randomness;
  private final KeyBank keyBank;
  private final FrameServer frames;
  private final MetricsEndpoint metrics;

  private KdcServer(
      KdcSettings settings,
      KdcStore store,
      KdcIdentity identity,
      KdcRandomness randomness,
      KeyBank keyBank,
      FrameServer frames,
      MetricsEndpoint metrics) {
    this.settings = settings;
    this.store = store;
    this.identity = identity;
    this.randomness = randomness;
    this.keyBank = keyBank;
    this.frames = frames;
    this.metrics = metrics;
  }

  /**
   * Starts the KDC in {@code paths} with its settings; {@code passphrase} unwraps the KEK.
   *
   * @throws org.kdcmail.kdc.server.kek.WrongPassphraseException for a wrong admin passphrase
   */
  public static KdcServer start(KdcPaths paths, char[] passphrase) throws Exception {
    return start(paths, KdcSettings.read(paths.settings()), passphrase);
  }

  /**
   * Starts the KDC with explicit settings (e.g. port 0 in tests). {@code passphrase} is the admin
   * passphrase, or the token PIN when the settings name a PKCS#11 token.
   *
   * @throws org.kdcmail.kdc.server.kek.Pkcs11TokenException when the token is missing, the PIN is
   *     wrong or the token lacks the wrapping key
   */
  public static KdcServer start(KdcPaths paths, KdcSettings settings, char[] passphrase)
      throws Exception {
    Objects.requireNonNull(paths, "paths");
    log.info("KDC settings (no secrets): {}", settings);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KdcRandomness randomness = KdcRandomness.open(settings.source(), settings.nodeId(), registry);
    KdcKek kek = null;
    KdcStore store = null;
    KeyBank bank = null;
    FrameServer frames = null;
    try {
      kek = KekVault.unlock(paths, settings, passphrase, randomness.drbg());
      DatabaseLocation location = settings.databaseLocation(paths, System.getenv());
      log.info("KDC store: {}", location); // never shows a password
      store = KdcStore.open(location, kek);
      KdcIdentity identity = loadIdentity(store);
      bank = openKeyBank(paths, location, randomness, kek, registry);
      AdminToken token = AdminTokenFile.create(paths.root(), randomness.asSecureRandom());
      KdcServices services =
          new KdcServices(
              paths, settings, store, identity, randomness, bank, new KeyBankPointSource(bank));
      frames =
          FrameServer.builder()
              .bindAddress(InetAddress.getByName(settings.bindAddress()))
              .port(settings.port())
              .conversations(new KdcConversations(services, token, registry))
              .build()
              .start();
      KeyBank bankForHealth = bank;
      MetricsEndpoint metrics =
          settings.metricsPort() == KdcSettings.METRICS_OFF
              ? null
              : MetricsEndpoint.start(
                  settings.metricsPort(),
                  registry,
                  () ->
                      new KdcHealth(
                          randomness.source().state(),
                          randomness.source().descriptor().provenanceLabel(),
                          bankForHealth.availableKeys()));
      log.info(
          "KDC listening on {}:{}; identity fingerprint {}; entropy {}",
          settings.bindAddress(),
          frames.port(),
          identity.fingerprint().format(),
          randomness.source().descriptor().provenanceLabel());
      return new KdcServer(settings, store, identity, randomness, bank, frames, metrics);
    } catch (Exception | Error e) {
      closeQuietly(frames);
      closeQuietly(bank);
      closeQuietly(store);
      randomness.close();
      throw e;
    } finally {
      if (kek != null) {
        kek.destroy();
      }
    }
  }

  /**
   * The key bank: Derby in the KDC's folder beside a Derby store, or in the store's PostgreSQL
   * database, shared by every node, so that no two nodes ever hand out the same key.
   */
  private static KeyBank openKeyBank(
      KdcPaths paths,
      DatabaseLocation location,
      KdcRandomness randomness,
      KdcKek kek,
      MeterRegistry registry) {
    KeyEncryptionKey bankKek = kek.keyBankKek();
    KeyBankBuilder builder =
        KeyBank.builder()
            .generator(randomness.drbg())
            .keyEncryptionKey(bankKek)
            .lowWaterMark(1_000)
            .highWaterMark(10_000)
            .meterRegistry(registry);
    if (location instanceof DatabaseLocation.Postgresql pg) {
      builder.postgresql(pg.url(), pg.user(), pg.password());
    } else {
      builder.directory(paths.keyBank());
    }
    try {
      return builder.open(); // the bank keeps its own copy of the KEK
    } finally {
      bankKek.destroy();
    }
  }

  private static KdcIdentity loadIdentity(KdcStore store) throws IOException {
    IdentityKey stored =
        store
            .loadIdentity()
            .orElseThrow(() -> new IOException("the KDC store holds no identity key"));
    byte[] seed = stored.copyPrivateKey();
    try {
      return KdcIdentity.fromSeed(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
      stored.destroy();
    }
  }

  /** The port the KDC listens on (useful with port 0). */
  public int port() {
    return frames.port();
  }

  /** The identity fingerprint clients pin. */
  public IdentityFingerprint fingerprint() {
    return identity.fingerprint();
  }

  public KdcSettings settings() {
    return settings;
  }

  /** The port of the health and metrics endpoint, or -1 when it is off. */
  public int metricsPort() {
    return metrics == null ? KdcSettings.METRICS_OFF : metrics.port();
  }

  @Override
  public void close() {
    closeQuietly(metrics);
    frames.close();
    closeQuietly(keyBank);
    closeQuietly(store);
    identity.destroy();
    randomness.close();
    log.info("KDC stopped");
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("error while closing {}: {}", closeable.getClass().getSimpleName(), e.getMessage());
    }
  }
}
