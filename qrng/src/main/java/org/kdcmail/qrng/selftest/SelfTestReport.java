package org.kdcmail.qrng.selftest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.qrng.DrbgDescription;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.stats.StatisticsReport;

/**
 * The outcome of one selftest. The statistics are absent when the run stopped before them (a failed
 * health test or an unreadable source stops the run: there is nothing trustworthy to test).
 *
 * @param source what the source declared
 * @param health the health tests' verdict
 * @param drbg how the DRBG was built, absent when it was never instantiated
 * @param rawStatistics statistics over the raw, health-tested samples
 * @param drbgStatistics statistics over the DRBG's output
 * @param elapsed wall-clock time of the run
 */
public record SelfTestReport(
    SourceDescriptor source,
    HealthOutcome health,
    Optional<DrbgDescription> drbg,
    Optional<StatisticsReport> rawStatistics,
    Optional<StatisticsReport> drbgStatistics,
    Duration elapsed) {

  public SelfTestReport {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(drbg, "drbg");
    Objects.requireNonNull(rawStatistics, "rawStatistics");
    Objects.requireNonNull(drbgStatistics, "drbgStatistics");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** True when the health tests and every statistical test passed. */
  public boolean passed() {
    return health.passed()
        && rawStatistics.map(StatisticsReport::passed).orElse(false)
        && drbgStatistics.map(StatisticsReport::passed).orElse(false);
  }
}
