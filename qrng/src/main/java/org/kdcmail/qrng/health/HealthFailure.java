package org.kdcmail.qrng.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One health-test failure, as reported to the operator.
 *
 * @param test which test failed: {@code "rct"} or {@code "apt"}
 * @param duringStartup whether it failed during the start-up test
 * @param sampleIndex the zero-based index, counted from the last (re)start, of the sample that made
 *     the test fail
 * @param message the operator-facing message, naming test, source and cutoff
 * @param at when it happened
 */
public record HealthFailure(
    String test, boolean duringStartup, long sampleIndex, String message, Instant at) {

  public HealthFailure {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }

  /** The metric tag: {@code startup} for start-up failures, otherwise the test. */
  public String metricTag() {
    return duringStartup ? "startup" : test;
  }
}
