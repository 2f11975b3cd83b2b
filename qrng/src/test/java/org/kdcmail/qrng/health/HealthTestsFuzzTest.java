package org.kdcmail.qrng.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.testsources.ReplaySource;
import org.slf4j.LoggerFactory;

/**
 * Differential fuzzing of {@link HealthTestedSource} against a naive reference of SP 800-90B
 * §4.4.1/§4.4.2: arbitrary raw samples, a random declared H and alpha, and a random sequence of
 * reads and operator resets. Properties: a failure is reported iff the reference finds a run or a
 * window count reaching its cutoff among the samples tested, at the same sample and for the same
 * test; output is exactly the raw samples after start-up, in order, and never from a window that
 * failed or was not completely tested; no exception other than the documented two.
 *
 * <p>Runs as a plain regression test with its seeds, and fuzzes in the {@code fuzz-health-tests}
 * surefire execution of {@code qrng/pom.xml} ({@code JAZZER_FUZZ=1}).
 */
class HealthTestsFuzzTest {

  static {
    // Every failing input raises an ALARM at ERROR; thousands per second would drown the log.
    ((Logger) LoggerFactory.getLogger("org.kdcmail")).setLevel(Level.OFF);
  }

  private static final int MAX_SAMPLES = 24_000;

  @FuzzTest(maxDuration = "30s")
  void healthTestedSource_arbitrarySamples_matchesReference(FuzzedDataProvider data) {
    boolean binary = data.consumeBoolean();
    double h = binary ? data.consumeInt(1, 16) / 16.0 : data.consumeInt(1, 128) / 16.0;
    double alpha = Math.scalb(1.0, -data.consumeInt(2, 40));
    HealthTestCutoffs cutoffs = HealthTestCutoffs.compute(h, binary, alpha);
    int[] ops = new int[data.consumeInt(1, 8)];
    for (int i = 0; i < ops.length; i++) {
      // -1: operator reset; otherwise a read of that many samples
      ops[i] = data.consumeInt(0, 7) == 0 ? -1 : data.consumeInt(0, 3000);
    }
    byte[] raw =
        expand(
            data.consumeInt(1, 4), data.consumeInt(0, MAX_SAMPLES), data.consumeRemainingAsBytes());

    new Harness(raw, cutoffs).run(ops);
  }

  /** Repeats each seed byte {@code repeat} times and cycles the result up to {@code length}. */
  private static byte[] expand(int repeat, int length, byte[] seed) {
    if (seed.length == 0) {
      return seed;
    }
    byte[] raw = new byte[Math.max(length, seed.length)];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = seed[(i / repeat) % seed.length];
    }
    return raw;
  }

  /** Drives the real source and checks every outcome against {@link Reference}. */
  private static final class Harness {
    private final byte[] raw;
    private final HealthTestCutoffs cutoffs;
    private final ReplaySource source;
    private final HealthTestedSource tested;
    private final int window;
    private final int startupLength;
    private int segmentStart;
    private long testedAtSegmentStart;
    private int nextOutput;
    private boolean failed;
    private Reference.Failure expected;

    Harness(byte[] raw, HealthTestCutoffs cutoffs) {
      this.raw = raw;
      this.cutoffs = cutoffs;
      this.source = new ReplaySource(raw, cutoffs.minEntropyPerSample(), cutoffs.binarySamples());
      this.tested = new HealthTestedSource(source, new SimpleMeterRegistry(), cutoffs);
      this.window = cutoffs.adaptiveProportionWindow();
      this.startupLength = ((HealthTestedSource.STARTUP_SAMPLES + window - 1) / window) * window;
      restartAt(0);
    }

    void run(int[] ops) {
      for (int op : ops) {
        if (op < 0) {
          tested.reset();
          restartAt(source.position());
        } else {
          read(op);
        }
        checkReportedIffReferenceFails();
      }
    }

    private void restartAt(int position) {
      segmentStart = position;
      testedAtSegmentStart = tested.samplesTested();
      nextOutput = position + startupLength;
      failed = false;
      expected = Reference.firstFailure(raw, position, cutoffs);
    }

    private void read(int length) {
      byte[] out = new byte[length];
      try {
        tested.readSamples(out, 0, length);
      } catch (HealthTestFailedException e) {
        assertThat(allZero(out)).as("request buffer wiped").isTrue();
        onFailure(e.failure());
        return;
      } catch (EntropySourceException e) {
        assertThat(e).hasMessageContaining("short read");
        assertThat(failed).isFalse();
        assertThat(allZero(out)).as("request buffer wiped").isTrue();
        assertThat(tested.state()).isEqualTo(HealthState.STARTUP);
        restartAt(source.position());
        return;
      }
      assertThat(failed).as("a FAILED source returned output").isFalse();
      if (length > 0) {
        assertThat(nextOutput + length).isLessThanOrEqualTo(raw.length);
        assertThat(out).containsExactly(Arrays.copyOfRange(raw, nextOutput, nextOutput + length));
        int lastWindowEnd = windowEnd(nextOutput + length - 1);
        assertThat((long) lastWindowEnd - segmentStart)
            .as("output from a window not completely tested")
            .isLessThanOrEqualTo(testedInSegment());
        assertThat(tested.state()).isEqualTo(HealthState.HEALTHY);
      }
      nextOutput += length;
    }

    private void onFailure(HealthFailure failure) {
      if (failed) {
        return; // already FAILED: every read throws, nothing more is drawn
      }
      assertThat(expected).as("implementation failed but reference did not").isNotNull();
      assertThat(segmentStart + failure.sampleIndex()).isEqualTo(expected.index());
      assertThat(failure.test()).isEqualTo(expected.test());
      assertThat(failure.duringStartup()).isEqualTo(failure.sampleIndex() < startupLength);
      assertThat(tested.state()).isEqualTo(HealthState.FAILED);
      failed = true;
    }

    /** A failure is reported iff the reference finds one among the samples tested so far. */
    private void checkReportedIffReferenceFails() {
      long testedCount = testedInSegment();
      assertThat(segmentStart + testedCount).isLessThanOrEqualTo(source.position());
      boolean referenceFailsInTested =
          expected != null && expected.index() < segmentStart + testedCount;
      assertThat(tested.state() == HealthState.FAILED)
          .as("implementation FAILED iff reference fails in the %d samples tested", testedCount)
          .isEqualTo(referenceFailsInTested);
      if (referenceFailsInTested) {
        assertThat(expected.index()).isEqualTo(segmentStart + testedCount - 1);
      }
    }

    private static boolean allZero(byte[] out) {
      for (byte b : out) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }

    private long testedInSegment() {
      return tested.samplesTested() - testedAtSegmentStart;
    }

    private int windowEnd(int index) {
      return segmentStart + ((index - segmentStart) / window + 1) * window;
    }
  }

  /** A deliberately plain re-implementation of SP 800-90B §4.4.1 and §4.4.2. */
  private static final class Reference {
    record Failure(int index, String test) {}

    /** The first failing sample at or after {@code start}, tests freshly started there. */
    static Failure firstFailure(byte[] raw, int start, HealthTestCutoffs cutoffs) {
      int window = cutoffs.adaptiveProportionWindow();
      for (int windowStart = start; windowStart < raw.length; windowStart += window) {
        int count = 0;
        for (int i = windowStart; i < Math.min(windowStart + window, raw.length); i++) {
          if (runEndingAt(raw, start, i, cutoffs.repetitionCountCutoff())
              >= cutoffs.repetitionCountCutoff()) {
            return new Failure(i, "rct");
          }
          if (raw[i] == raw[windowStart]) {
            count++;
          }
          if (count >= cutoffs.adaptiveProportionCutoff()) {
            return new Failure(i, "apt");
          }
        }
      }
      return null;
    }

    /** How many identical samples end at {@code i} (counting back no further than start/limit). */
    private static int runEndingAt(byte[] raw, int start, int i, int limit) {
      int run = 1;
      while (run < limit && i - run >= start && raw[i - run] == raw[i]) {
        run++;
      }
      return run;
    }
  }
}
