/**
 * The statistical tests behind {@code kdcmail qrng selftest}: a streaming {@link
 * org.kdcmail.qrng.stats.StatisticsAccumulator} over raw source or DRBG output, an immutable {@link
 * org.kdcmail.qrng.stats.StatisticsReport} with one {@link org.kdcmail.qrng.stats.TestResult} per
 * test, and a plain-text {@link org.kdcmail.qrng.stats.StatisticsReportRenderer}.
 *
 * <p>These tests catch gross failures (a stuck, biased or patterned source). They say little about
 * entropy: DRBG output passes them whatever its seed. Thresholds and their false-failure rates are
 * documented in {@code docs/selftest-statistics.md}.
 */
package org.kdcmail.qrng.stats;
