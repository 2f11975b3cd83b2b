package org.kdcmail.qrng.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.SourceDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a raw entropy source behind the SP 800-90B health tests. Guarantees:
 *
 * <ul>
 *   <li>nothing is output before the start-up test has passed over the first {@value
 *       #STARTUP_SAMPLES} samples (rounded up to whole APT windows); start-up samples are
 *       discarded;
 *   <li>raw samples are read and tested in whole APT windows, both tests run on every sample, and
 *       only samples of windows that completed without failure are ever output;
 *   <li>on a failure the source enters {@link HealthState#FAILED}: the current and every later
 *       {@link #readSamples} throw {@link HealthTestFailedException}, an {@code ALARM} line is
 *       logged at ERROR and the counter {@value #FAILURES_METRIC} is incremented, until an operator
 *       calls {@link #reset()}, which runs the start-up test again;
 *   <li>if the raw source fails to deliver (timeout, short read) the partial window is discarded
 *       and the start-up test runs again before further output.
 * </ul>
 *
 * <p>Thread safe: reads are serialised.
 */
public final class HealthTestedSource implements EntropySource {

  /** Samples the start-up test covers before any output (SP 800-90B §4.3). */
  public static final int STARTUP_SAMPLES = 1024;

  /** Counter of failures, tagged {@code test=rct|apt|startup} and {@code source}. */
  public static final String FAILURES_METRIC = "kdcmail.qrng.health.failures";

  /** Gauge of the {@link HealthState#gaugeValue()}, tagged {@code source}. */
  public static final String STATE_METRIC = "kdcmail.qrng.health.state";

  private static final Logger log = LoggerFactory.getLogger(HealthTestedSource.class);
  private static final int MAX_BATCH_WINDOWS = 128;

  private final EntropySource raw;
  private final HealthTestCutoffs cutoffs;
  private final RepetitionCountTest rct;
  private final AdaptiveProportionTest apt;
  private final int window;
  private final Map<Phase, Counter> failureCounters = new EnumMap<>(Phase.class);
  private final AtomicLong samplesTested = new AtomicLong();
  private final AtomicLong samplesReleased = new AtomicLong();
  private final Object lock = new Object();

  private volatile HealthState state = HealthState.STARTUP;
  private volatile HealthFailure lastFailure;
  private byte[] batch = new byte[0];
  private int releasedFrom;
  private int releasedTo;
  private long samplesSinceRestart;
  private boolean closed;

  private enum Phase {
    RCT("rct"),
    APT("apt"),
    STARTUP("startup");

    final String tag;

    Phase(String tag) {
      this.tag = tag;
    }
  }

  /** Wraps {@code raw} with cutoffs from its declared H at the production alpha of 2^-40. */
  public HealthTestedSource(EntropySource raw, MeterRegistry registry) {
    this(raw, registry, HealthTestCutoffs.forSource(raw.descriptor()));
  }

  /** Wraps {@code raw} with explicit cutoffs (tests, or a configured alpha). */
  public HealthTestedSource(EntropySource raw, MeterRegistry registry, HealthTestCutoffs cutoffs) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.cutoffs = Objects.requireNonNull(cutoffs, "cutoffs");
    Objects.requireNonNull(registry, "registry");
    this.rct = new RepetitionCountTest(cutoffs.repetitionCountCutoff());
    this.window = cutoffs.adaptiveProportionWindow();
    this.apt = new AdaptiveProportionTest(window, cutoffs.adaptiveProportionCutoff());
    String id = raw.descriptor().id();
    for (Phase phase : Phase.values()) {
      failureCounters.put(
          phase,
          Counter.builder(FAILURES_METRIC)
              .description("SP 800-90B health-test failures")
              .tag("test", phase.tag)
              .tag("source", id)
              .register(registry));
    }
    Gauge.builder(STATE_METRIC, this, s -> s.state.gaugeValue())
        .description("health state: 0 start-up, 1 healthy, 2 failed")
        .tag("source", id)
        .register(registry);
  }

  @Override
  public SourceDescriptor descriptor() {
    return raw.descriptor();
  }

  @Override
  public void readSamples(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    synchronized (lock) {
      if (closed) {
        throw new EntropySourceException("entropy source " + id() + " is closed");
      }
      throwIfFailed();
      try {
        int done = 0;
        while (done < length) {
          if (releasedFrom == releasedTo) {
            refill(length - done);
          }
          int n = Math.min(releasedTo - releasedFrom, length - done);
          System.arraycopy(batch, releasedFrom, buffer, offset + done, n);
          Arrays.fill(batch, releasedFrom, releasedFrom + n, (byte) 0);
          releasedFrom += n;
          done += n;
        }
        samplesReleased.addAndGet(length);
      } catch (RuntimeException e) {
        Arrays.fill(buffer, offset, offset + length, (byte) 0);
        throw e;
      }
    }
  }

  /** The operator reset: forgets all test state and returns to STARTUP. */
  public void reset() {
    synchronized (lock) {
      restart();
      log.warn(
          "operator reset of entropy source {}: state STARTUP, the start-up test runs again", id());
    }
  }

  /** The current state; readable without blocking on a pending read. */
  public HealthState state() {
    return state;
  }

  /** The cutoffs in force. */
  public HealthTestCutoffs cutoffs() {
    return cutoffs;
  }

  /** The most recent failure, kept after a reset for the operator's record. */
  public Optional<HealthFailure> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** Raw samples run through the tests since construction, start-up samples included. */
  public long samplesTested() {
    return samplesTested.get();
  }

  /** Samples handed out to callers since construction. */
  public long samplesReleased() {
    return samplesReleased.get();
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      discardBatch();
    }
    raw.close();
  }

  private void refill(int needed) {
    if (state == HealthState.STARTUP) {
      runStartup();
    }
    int windows = Math.min(MAX_BATCH_WINDOWS, (needed + window - 1) / window);
    int size = windows * window;
    readRaw(size);
    for (int w = 0; w < windows; w++) {
      testWindow(w * window, false);
    }
    releasedFrom = 0;
    releasedTo = size;
  }

  private void runStartup() {
    int windows = (STARTUP_SAMPLES + window - 1) / window;
    readRaw(windows * window);
    for (int w = 0; w < windows; w++) {
      testWindow(w * window, true);
    }
    discardBatch();
    state = HealthState.HEALTHY;
    log.info(
        "entropy source {} passed the start-up health test over {} samples",
        id(),
        windows * window);
  }

  private void readRaw(int size) {
    discardBatch();
    if (batch.length < size) {
      batch = new byte[size];
    }
    try {
      raw.readSamples(batch, 0, size);
    } catch (RuntimeException e) {
      restart();
      log.warn(
          "entropy source {} did not deliver samples ({}); the start-up test runs again",
          id(),
          e.getMessage());
      throw e;
    }
  }

  private void testWindow(int from, boolean startup) {
    long base = samplesSinceRestart;
    for (int i = from; i < from + window; i++) {
      byte sample = batch[i];
      if (!rct.accept(sample)) {
        fail(Phase.RCT, startup, base + i - from, rctMessage(startup));
      }
      if (!apt.accept(sample)) {
        fail(Phase.APT, startup, base + i - from, aptMessage(startup));
      }
    }
    samplesSinceRestart += window;
    samplesTested.addAndGet(window);
  }

  private String rctMessage(boolean startup) {
    return String.format(
        "repetition count test failed%s on source %s (run of %d identical samples, cutoff %d)",
        during(startup), id(), rct.currentRun(), rct.cutoff());
  }

  private String aptMessage(boolean startup) {
    return String.format(
        "adaptive proportion test failed%s on source %s (sample 0x%02x occurred %d times in a"
            + " window of %d, cutoff %d)",
        during(startup), id(), apt.referenceSample(), apt.count(), apt.window(), apt.cutoff());
  }

  private static String during(boolean startup) {
    return startup ? " during start-up" : "";
  }

  private void fail(Phase test, boolean startup, long index, String detail) {
    samplesTested.addAndGet(index + 1 - samplesSinceRestart);
    samplesSinceRestart = index + 1;
    String message = detail + "; the source is FAILED until an operator resets it";
    HealthFailure failure = new HealthFailure(test.tag, startup, index, message, Instant.now());
    lastFailure = failure;
    state = HealthState.FAILED;
    discardBatch();
    log.error("ALARM QRNG health test failed: {}", message);
    failureCounters.get(startup ? Phase.STARTUP : test).increment();
    throw new HealthTestFailedException(failure);
  }

  private void throwIfFailed() {
    if (state == HealthState.FAILED) {
      throw new HealthTestFailedException(lastFailure);
    }
  }

  private void restart() {
    rct.reset();
    apt.reset();
    samplesSinceRestart = 0;
    discardBatch();
    state = HealthState.STARTUP;
  }

  private void discardBatch() {
    Arrays.fill(batch, (byte) 0);
    releasedFrom = 0;
    releasedTo = 0;
  }

  private String id() {
    return raw.descriptor().id();
  }
}
