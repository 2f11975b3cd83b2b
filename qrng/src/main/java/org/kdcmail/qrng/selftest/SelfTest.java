package org.kdcmail.qrng.selftest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.kdcmail.qrng.DrbgDescription;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.EntropyUnavailableException;
import org.kdcmail.qrng.drbg.QrngDrbg;
import org.kdcmail.qrng.health.HealthTestedSource;
import org.kdcmail.qrng.stats.StatisticsAccumulator;
import org.kdcmail.qrng.stats.StatisticsReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the QRNG selftest on one raw source: the SP 800-90B start-up and continuous health tests
 * while {@code sampleBytes} raw samples are read, then the DRBG seeded from the health-tested
 * source produces {@code sampleBytes} more; both streams go through the statistical tests. Memory
 * use does not depend on the sample size.
 */
public final class SelfTest {
  private static final Logger log = LoggerFactory.getLogger(SelfTest.class);
  private static final int CHUNK_BYTES = 64 * 1024;

  /** Raw-sample phase name, as reported to {@link SelfTestProgress}. */
  public static final String RAW_PHASE = "raw samples";

  /** DRBG phase name, as reported to {@link SelfTestProgress}. */
  public static final String DRBG_PHASE = "DRBG output";

  private final EntropySource raw;
  private final long sampleBytes;
  private final String nodeIdentity;
  private final MeterRegistry registry;
  private final SelfTestProgress progress;

  private SelfTest(Builder builder) {
    this.raw = builder.raw;
    this.sampleBytes = builder.sampleBytes;
    this.nodeIdentity = builder.nodeIdentity;
    this.registry = builder.registry;
    this.progress = builder.progress;
  }

  /** Starts a selftest of {@code raw}; the source is closed when the run ends. */
  public static Builder builder(EntropySource raw) {
    return new Builder(raw);
  }

  /** Runs the test. Failures of the source are part of the report, not exceptions. */
  public SelfTestReport run() {
    Instant start = Instant.now();
    log.info("QRNG selftest of {} over {} bytes", raw.descriptor().provenanceLabel(), sampleBytes);
    try (HealthTestedSource tested = new HealthTestedSource(raw, registry)) {
      Optional<String> error = Optional.empty();
      Optional<StatisticsReport> rawStatistics = Optional.empty();
      Optional<StatisticsReport> drbgStatistics = Optional.empty();
      Optional<DrbgDescription> drbgDescription = Optional.empty();
      try {
        rawStatistics =
            Optional.of(measure(RAW_PHASE, buffer -> tested.readSamples(buffer, 0, buffer.length)));
        QrngDrbg drbg = QrngDrbg.builder(tested).nodeIdentity(nodeIdentity).build();
        drbgDescription = Optional.of(drbg.description());
        drbgStatistics = Optional.of(measure(DRBG_PHASE, drbg::nextBytes));
      } catch (EntropyUnavailableException e) {
        error = Optional.of(e.getMessage());
        log.error("QRNG selftest stopped: {}", e.getMessage());
      }
      HealthOutcome health =
          new HealthOutcome(tested.cutoffs(), tested.state(), tested.samplesTested(), error);
      return new SelfTestReport(
          tested.descriptor(),
          health,
          drbgDescription,
          rawStatistics,
          drbgStatistics,
          Duration.between(start, Instant.now()));
    }
  }

  private StatisticsReport measure(String phase, Consumer<byte[]> fill) {
    StatisticsAccumulator statistics = new StatisticsAccumulator();
    progress.phaseStarted(phase, sampleBytes);
    byte[] chunk = new byte[CHUNK_BYTES];
    for (long done = 0; done < sampleBytes; ) {
      byte[] buffer =
          sampleBytes - done >= CHUNK_BYTES ? chunk : new byte[(int) (sampleBytes - done)];
      fill.accept(buffer);
      statistics.update(buffer);
      done += buffer.length;
      progress.advanced(done);
    }
    return statistics.report();
  }

  /** Configures a {@link SelfTest}. */
  public static final class Builder {
    private final EntropySource raw;
    private long sampleBytes = 1_000_000;
    private String nodeIdentity = "selftest";
    private MeterRegistry registry = new SimpleMeterRegistry();
    private SelfTestProgress progress = SelfTestProgress.NONE;

    private Builder(EntropySource raw) {
      this.raw = Objects.requireNonNull(raw, "raw");
    }

    /** Bytes of raw samples, and of DRBG output, to test; at least 20,000. Default 1,000,000. */
    public Builder sampleBytes(long sampleBytes) {
      if (sampleBytes < StatisticsAccumulator.MINIMUM_SAMPLE_BYTES) {
        throw new IllegalArgumentException(
            "the selftest needs at least "
                + StatisticsAccumulator.MINIMUM_SAMPLE_BYTES
                + " bytes for its statistics, got "
                + sampleBytes);
      }
      this.sampleBytes = sampleBytes;
      return this;
    }

    /** The node identity in the DRBG's personalization string. */
    public Builder nodeIdentity(String nodeIdentity) {
      this.nodeIdentity = Objects.requireNonNull(nodeIdentity, "nodeIdentity");
      return this;
    }

    /** Where the health tests' alarm counters go. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Who hears about progress. */
    public Builder progress(SelfTestProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    public SelfTest build() {
      return new SelfTest(this);
    }
  }
}
