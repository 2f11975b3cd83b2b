package org.kdcmail.qrng.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.testsources.AptOnlySource;
import org.kdcmail.qrng.testsources.BiasedBitSource;
import org.kdcmail.qrng.testsources.HealthySource;
import org.kdcmail.qrng.testsources.ReplaySource;
import org.kdcmail.qrng.testsources.ShortReadSource;
import org.kdcmail.qrng.testsources.StuckSource;
import org.slf4j.LoggerFactory;

class HealthTestedSourceTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(HealthTestedSource.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  /** Deterministic samples with no two equal neighbours (so no RCT run) and a uniform spread. */
  static byte[] goodBytes(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      do {
        out[i] = (byte) random.nextInt(256);
      } while (i > 0 && out[i] == out[i - 1]);
    }
    return out;
  }

  private double failures(String test, String source) {
    return registry
        .counter(HealthTestedSource.FAILURES_METRIC, "test", test, "source", source)
        .count();
  }

  @Test
  void readSamples_stuckSource_failsRepetitionCountTestAtSampleC() {
    HealthTestedSource source = new HealthTestedSource(new StuckSource((byte) 0), registry);
    byte[] out = new byte[16];

    HealthTestFailedException e =
        catchThrowableOfType(
            HealthTestFailedException.class, () -> source.readSamples(out, 0, out.length));

    assertThat(e)
        .hasMessage(
            "repetition count test failed during start-up on source test:stuck (run of 6"
                + " identical samples, cutoff 6); the source is FAILED until an operator resets"
                + " it");
    assertThat(e.failure().sampleIndex()).isEqualTo(5); // the 6th sample = C
    assertThat(e.failure().test()).isEqualTo("rct");
    assertThat(source.state()).isEqualTo(HealthState.FAILED);
    assertThat(source.samplesTested()).isEqualTo(6);
    assertThat(failures("startup", "test:stuck")).isEqualTo(1.0);
    assertThat(registry.get(HealthTestedSource.STATE_METRIC).gauge().value()).isEqualTo(2.0);
  }

  @Test
  void readSamples_stuckAfterStartup_raisesAlarmAndCountsRct() {
    byte[] samples = goodBytes(4096, 1);
    Arrays.fill(samples, 1024 + 100, 1024 + 106, (byte) 0x55);
    HealthTestedSource source = new HealthTestedSource(new ReplaySource(samples), registry);

    assertThatThrownBy(() -> source.readSamples(new byte[1], 0, 1))
        .isInstanceOf(HealthTestFailedException.class)
        .hasMessageStartingWith("repetition count test failed on source test:replay (run of 6");

    assertThat(source.lastFailure()).get().extracting(HealthFailure::sampleIndex).isEqualTo(1129L);
    assertThat(failures("rct", "test:replay")).isEqualTo(1.0);
    assertThat(failures("startup", "test:replay")).isZero();
    assertThat(logs.list)
        .filteredOn(event -> event.getLevel() == Level.ERROR)
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getFormattedMessage())
                    .startsWith("ALARM QRNG health test failed: repetition count test failed"));
  }

  @Test
  void readSamples_aptOnlySource_failsAdaptiveProportionNotRepetitionCount() {
    HealthTestedSource source = new HealthTestedSource(new AptOnlySource(7), registry);

    HealthTestFailedException e =
        catchThrowableOfType(
            HealthTestFailedException.class, () -> source.readSamples(new byte[64], 0, 64));

    assertThat(e.failure().test()).isEqualTo("apt");
    assertThat(e)
        .hasMessageContaining("adaptive proportion test failed")
        .hasMessageContaining("sample 0x41 occurred 19 times in a window of 512, cutoff 19");
    assertThat(e.failure().sampleIndex()).isEqualTo(36); // 0x41 at 0, 2, ..., 36
    assertThat(failures("startup", "test:apt-only")).isEqualTo(1.0);
  }

  @Test
  void readSamples_biasedBits_fails() {
    HealthTestedSource source = new HealthTestedSource(new BiasedBitSource(42), registry);

    assertThatThrownBy(() -> source.readSamples(new byte[1 << 16], 0, 1 << 16))
        .isInstanceOf(HealthTestFailedException.class)
        .hasMessageContaining("adaptive proportion test failed")
        .hasMessageContaining("window of 1024, cutoff 625");
    assertThat(source.state()).isEqualTo(HealthState.FAILED);
  }

  @Test
  void readSamples_beforeStartupCompletes_outputsNothingAndDiscardsStartupSamples() {
    byte[] samples = goodBytes(4096, 2);
    HealthTestedSource source = new HealthTestedSource(new ReplaySource(samples), registry);
    assertThat(source.state()).isEqualTo(HealthState.STARTUP);

    byte[] out = new byte[10];
    source.readSamples(out, 0, out.length);

    assertThat(source.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(out).containsExactly(Arrays.copyOfRange(samples, 1024, 1034));
    assertThat(source.samplesTested()).isEqualTo(1024 + 512);
  }

  @Test
  void readSamples_failureInLastStartupSample_outputsNothing() {
    byte[] samples = goodBytes(4096, 3);
    Arrays.fill(samples, 1018, 1024, (byte) 9); // run of 6 ending at sample 1023
    HealthTestedSource source = new HealthTestedSource(new ReplaySource(samples), registry);
    byte[] out = new byte[600];
    Arrays.fill(out, (byte) 1);

    assertThatThrownBy(() -> source.readSamples(out, 0, out.length))
        .isInstanceOf(HealthTestFailedException.class)
        .hasMessageContaining("during start-up");

    assertThat(out).containsOnly(0);
    assertThat(source.samplesReleased()).isZero();
  }

  @Test
  void readSamples_failureMidWindow_nothingFromThatWindowIsOutput() {
    byte[] samples = goodBytes(8192, 4);
    int secondWindow = 1024 + 512;
    Arrays.fill(samples, secondWindow + 300, secondWindow + 306, (byte) 0x33);
    HealthTestedSource source = new HealthTestedSource(new ReplaySource(samples), registry);

    byte[] first = new byte[500];
    source.readSamples(first, 0, first.length);
    byte[] rest = new byte[12];
    source.readSamples(rest, 0, rest.length); // the rest of the first, good window
    byte[] next = new byte[1];

    assertThatThrownBy(() -> source.readSamples(next, 0, 1))
        .isInstanceOf(HealthTestFailedException.class);
    assertThat(first).containsExactly(Arrays.copyOfRange(samples, 1024, 1524));
    assertThat(rest).containsExactly(Arrays.copyOfRange(samples, 1524, 1536));
    assertThat(source.samplesReleased()).isEqualTo(512);
  }

  @Test
  void readSamples_requestSpanningGoodAndFailingWindow_outputsNothing() {
    byte[] samples = goodBytes(8192, 5);
    Arrays.fill(samples, 1536 + 500, 1536 + 506, (byte) 0x33); // in the second window
    HealthTestedSource source = new HealthTestedSource(new ReplaySource(samples), registry);
    byte[] out = new byte[1024];

    assertThatThrownBy(() -> source.readSamples(out, 0, out.length))
        .isInstanceOf(HealthTestFailedException.class);
    assertThat(out).containsOnly(0);
  }

  @Test
  void readSamples_afterFailure_everyReadThrowsUntilReset() {
    HealthTestedSource source = new HealthTestedSource(new StuckSource((byte) 1), registry);
    assertThatThrownBy(() -> source.readSamples(new byte[1], 0, 1))
        .isInstanceOf(HealthTestFailedException.class);
    long tested = source.samplesTested();

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> source.readSamples(new byte[1], 0, 1))
          .isInstanceOf(HealthTestFailedException.class)
          .hasMessageContaining("repetition count test failed")
          .hasMessageEndingWith("the source is FAILED until an operator resets it");
    }
    assertThatThrownBy(() -> source.readSamples(new byte[0], 0, 0))
        .isInstanceOf(HealthTestFailedException.class);
    assertThat(source.samplesTested()).as("no more raw samples drawn").isEqualTo(tested);
    assertThat(failures("startup", "test:stuck")).as("alarm raised once").isEqualTo(1.0);
  }

  @Test
  void reset_afterFailure_runsStartupAgainBeforeOutput() {
    byte[] samples = goodBytes(8192, 6);
    Arrays.fill(samples, 0, 6, (byte) 0); // fails at once, during start-up
    ReplaySource raw = new ReplaySource(samples);
    HealthTestedSource source = new HealthTestedSource(raw, registry);
    assertThatThrownBy(() -> source.readSamples(new byte[1], 0, 1))
        .isInstanceOf(HealthTestFailedException.class);
    int resetAt = raw.position();

    source.reset();

    assertThat(source.state()).isEqualTo(HealthState.STARTUP);
    byte[] out = new byte[4];
    source.readSamples(out, 0, out.length);
    assertThat(out).containsExactly(Arrays.copyOfRange(samples, resetAt + 1024, resetAt + 1028));
    assertThat(source.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(source.lastFailure()).isPresent();
    assertThat(registry.get(HealthTestedSource.STATE_METRIC).gauge().value()).isEqualTo(1.0);
  }

  @Test
  void readSamples_rawShortRead_propagatesAndRestartsStartup() {
    HealthTestedSource source =
        new HealthTestedSource(new ShortReadSource(1024 + 512 + 100), registry);
    source.readSamples(new byte[512], 0, 512);

    assertThatThrownBy(() -> source.readSamples(new byte[1], 0, 1))
        .isInstanceOf(EntropySourceException.class)
        .hasMessageContaining("short read");
    assertThat(source.state()).isEqualTo(HealthState.STARTUP);
  }

  @Test
  void readSamples_healthySource100Megabytes_noAlarm() {
    HealthTestedSource source = new HealthTestedSource(new HealthySource(), registry);
    byte[] chunk = new byte[1 << 20];
    long start = System.nanoTime();

    for (int i = 0; i < 100; i++) {
      source.readSamples(chunk, 0, chunk.length);
    }

    System.out.printf(
        "100 MiB through HealthTestedSource in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    assertThat(source.state()).isEqualTo(HealthState.HEALTHY);
    assertThat(source.lastFailure()).isEmpty();
    assertThat(source.samplesReleased()).isEqualTo(100L << 20);
    assertThat(source.samplesTested()).isEqualTo((100L << 20) + 1024);
  }

  @Test
  void readSamples_concurrentReaders_allServedWithoutLossOrAlarm() throws Exception {
    HealthTestedSource source = new HealthTestedSource(new HealthySource(), registry);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  byte[] buf = new byte[777];
                  for (int i = 0; i < 200; i++) {
                    source.readSamples(buf, 0, buf.length);
                  }
                }));
      }
      for (Future<?> f : results) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(source.samplesReleased()).isEqualTo(4L * 200 * 777);
    assertThat(source.state()).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void descriptor_isRawSourceDescriptor() {
    StuckSource raw = new StuckSource((byte) 0);
    assertThat(new HealthTestedSource(raw, registry).descriptor()).isSameAs(raw.descriptor());
  }
}
