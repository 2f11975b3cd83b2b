package org.kdcmail.qrng.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary samples, built by repeating the fuzzer's bytes to an arbitrary length and fed in
 * arbitrary chunks: the only exception is the documented {@link IllegalArgumentException} below the
 * minimum size, and every p-value and figure is finite and every p-value lies in [0, 1].
 */
class StatisticsFuzzTest {

  private static final int MINIMUM = (int) StatisticsAccumulator.MINIMUM_SAMPLE_BYTES;

  @FuzzTest(maxDuration = "30s")
  void report_anySample_onlyDocumentedExceptionAndSaneNumbers(FuzzedDataProvider input) {
    int length = input.consumeInt(MINIMUM - 64, 3 * MINIMUM);
    int chunk = input.consumeInt(1, 8192);
    byte[] pattern = input.consumeRemainingAsBytes();
    byte[] sample = new byte[length];
    for (int i = 0; pattern.length > 0 && i < length; i++) {
      sample[i] = pattern[i % pattern.length];
    }
    StatisticsAccumulator accumulator = new StatisticsAccumulator();
    for (int off = 0; off < length; off += chunk) {
      accumulator.update(sample, off, Math.min(chunk, length - off));
    }

    if (length < MINIMUM) {
      assertThatThrownBy(accumulator::report).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    StatisticsReport report = accumulator.report();
    for (TestResult result : report.results()) {
      result.pValue().ifPresent(p -> assertThat(p).as(result.name()).isBetween(0.0, 1.0));
      result.figures().forEach(f -> assertThat(f.value()).as(result.name()).isFinite());
    }
    assertThat(new StatisticsReportRenderer().render(report)).contains("Overall: ");
  }
}
