package org.kdcmail.qrng.stats;

import java.util.List;
import java.util.Objects;

/**
 * The immutable outcome of one statistics run over a sample: one {@link TestResult} per test, in a
 * fixed order. A run passes when no test has verdict {@link Verdict#FAIL}.
 *
 * @param sampleBytes the number of bytes tested
 * @param perTestAlpha the probability that one pass/fail test fails a healthy source
 * @param familyFalseFailureBound Bonferroni bound on the probability that the whole run fails a
 *     healthy source: {@code perTestAlpha} times the number of pass/fail tests
 * @param results the tests, in report order
 */
public record StatisticsReport(
    long sampleBytes,
    double perTestAlpha,
    double familyFalseFailureBound,
    List<TestResult> results) {

  /** Validates the report and freezes the result list. */
  public StatisticsReport {
    if (sampleBytes <= 0) {
      throw new IllegalArgumentException("sampleBytes must be positive");
    }
    results = List.copyOf(Objects.requireNonNull(results, "results"));
  }

  /** True when no test failed. */
  public boolean passed() {
    return results.stream().allMatch(TestResult::passed);
  }

  /** The tests that failed, in report order. */
  public List<TestResult> failures() {
    return results.stream().filter(r -> !r.passed()).toList();
  }

  /** The result of the named test. */
  public TestResult result(String name) {
    return results.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no test named " + name));
  }
}
