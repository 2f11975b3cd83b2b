package org.kdcmail.kdc.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Objects;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.RandomBitGenerator;
import org.kdcmail.qrng.drbg.QrngDrbg;
import org.kdcmail.qrng.health.HealthTestedSource;
import org.kdcmail.qrng.source.EntropySourceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KDC's only randomness: the configured entropy source behind the SP 800-90B health tests,
 * seeding the SP 800-90A DRBG. Everything the KDC draws — the KEK, its identity key, enrollment
 * codes, the key bank's keys — comes from here.
 */
final class KdcRandomness implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KdcRandomness.class);

  private final HealthTestedSource source;
  private final QrngDrbg drbg;

  private KdcRandomness(HealthTestedSource source, QrngDrbg drbg) {
    this.source = source;
    this.drbg = drbg;
  }

  /** Opens {@code sourceSpec}, runs the start-up health test and instantiates the DRBG. */
  static KdcRandomness open(String sourceSpec, String nodeId, MeterRegistry registry) {
    EntropySource raw = EntropySourceSpec.parse(sourceSpec).open();
    if (!raw.descriptor().kind().isQuantum()) {
      log.warn(
          "entropy source {} is NOT QUANTUM: keys are drawn from the operating system;"
              + " configure a QRNG device with 'kdcmail kdc init --source device:PATH'",
          raw.descriptor().provenanceLabel());
    }
    HealthTestedSource tested = new HealthTestedSource(raw, registry);
    try {
      QrngDrbg drbg = QrngDrbg.builder(tested).nodeIdentity(nodeId).build();
      log.info("randomness: {} seeding {}", raw.descriptor().provenanceLabel(), drbg.description());
      return new KdcRandomness(tested, drbg);
    } catch (RuntimeException e) {
      tested.close();
      throw e;
    }
  }

  RandomBitGenerator drbg() {
    return drbg;
  }

  HealthTestedSource source() {
    return source;
  }

  /** The DRBG as a {@link SecureRandom}, for APIs that take one. */
  SecureRandom asSecureRandom() {
    return new DrbgSecureRandom(drbg);
  }

  @Override
  public void close() {
    source.close();
  }

  /** A {@link SecureRandom} whose every byte comes from the KDC's DRBG. */
  private static final class DrbgSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    DrbgSecureRandom(RandomBitGenerator drbg) {
      super(new Spi(drbg), null);
    }

    private static final class Spi extends SecureRandomSpi {
      private static final long serialVersionUID = 1L;
      private final transient RandomBitGenerator drbg;

      Spi(RandomBitGenerator drbg) {
        this.drbg = Objects.requireNonNull(drbg, "drbg");
      }

      @Override
      protected void engineSetSeed(byte[] seed) {
        // The DRBG is seeded from the health-tested source only; caller seeds are ignored.
      }

      @Override
      protected void engineNextBytes(byte[] bytes) {
        drbg.nextBytes(bytes);
      }

      @Override
      protected byte[] engineGenerateSeed(int numBytes) {
        byte[] seed = new byte[numBytes];
        drbg.nextBytes(seed);
        return seed;
      }
    }
  }
}
