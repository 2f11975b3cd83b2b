package org.kdcmail.qrng.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;
import org.kdcmail.qrng.health.HealthState;
import org.kdcmail.qrng.stats.TestNames;
import org.kdcmail.qrng.testsources.BiasedBitSource;
import org.kdcmail.qrng.testsources.HealthySource;
import org.kdcmail.qrng.testsources.ShortReadSource;
import org.kdcmail.qrng.testsources.StuckSource;

class SelfTestTest {

  @Test
  void run_healthySource_passesAndTestsBothStreams() {
    List<String> phases = new ArrayList<>();
    SelfTestReport report =
        SelfTest.builder(new HealthySource())
            .sampleBytes(200_000)
            .progress(
                new SelfTestProgress() {
                  @Override
                  public void phaseStarted(String phase, long totalBytes) {
                    phases.add(phase + ":" + totalBytes);
                  }
                })
            .build()
            .run();

    assertThat(report.passed()).isTrue();
    assertThat(report.health().finalState()).isEqualTo(HealthState.HEALTHY);
    assertThat(report.health().samplesTested()).isGreaterThanOrEqualTo(200_000 + 1024);
    assertThat(report.rawStatistics().orElseThrow().sampleBytes()).isEqualTo(200_000);
    assertThat(report.drbgStatistics().orElseThrow().sampleBytes()).isEqualTo(200_000);
    assertThat(report.drbg().orElseThrow().securityStrengthBits()).isEqualTo(256);
    assertThat(phases).containsExactly("raw samples:200000", "DRBG output:200000");
  }

  @Test
  void run_stuckSource_failsOnRepetitionCountWithoutStatistics() {
    SelfTestReport report =
        SelfTest.builder(new StuckSource((byte) 0)).sampleBytes(20_000).build().run();

    assertThat(report.passed()).isFalse();
    assertThat(report.health().finalState()).isEqualTo(HealthState.FAILED);
    assertThat(report.health().error()).get().asString().contains("repetition count test failed");
    assertThat(report.drbg()).isEmpty();
    assertThat(report.rawStatistics()).isEmpty();
  }

  @Test
  void run_seventyFivePercentOnes_fails() {
    SelfTestReport report =
        SelfTest.builder(new BiasedBitSource(7)).sampleBytes(20_000).build().run();

    assertThat(report.passed()).isFalse();
    assertThat(report.health().passed()).isFalse();
  }

  @Test
  void run_sourceShortReads_failsWithTheDeviceError() {
    SelfTestReport report =
        SelfTest.builder(new ShortReadSource(10_000)).sampleBytes(20_000).build().run();

    assertThat(report.passed()).isFalse();
    assertThat(report.health().error()).get().asString().containsIgnoringCase("short read");
  }

  @Test
  void run_counterPatternPassesHealthTests_statisticsCatchIt() {
    SelfTestReport report =
        SelfTest.builder(new CounterSource()).sampleBytes(100_000).build().run();

    assertThat(report.health().passed()).isTrue();
    assertThat(report.passed()).isFalse();
    assertThat(report.rawStatistics().orElseThrow().result(TestNames.CHI_SQUARE).passed())
        .isFalse();
    assertThat(report.drbgStatistics().orElseThrow().passed()).isTrue();
  }

  @Test
  void sampleBytes_belowMinimum_rejectedWithReason() {
    assertThatThrownBy(() -> SelfTest.builder(new HealthySource()).sampleBytes(19_999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 20000 bytes");
  }

  /** 0, 1, ..., 255, 0, 1, ...: never repeats and never dominates a window, yet is no noise. */
  private static final class CounterSource implements EntropySource {
    private int next;

    @Override
    public SourceDescriptor descriptor() {
      return new SourceDescriptor("test:counter", SourceKind.TEST, 8.0, false);
    }

    @Override
    public void readSamples(byte[] buffer, int offset, int length) {
      for (int i = 0; i < length; i++) {
        buffer[offset + i] = (byte) next++;
      }
    }

    @Override
    public void close() {}
  }
}
