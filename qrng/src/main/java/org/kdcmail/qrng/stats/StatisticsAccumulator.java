package org.kdcmail.qrng.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the selftest battery over a byte stream fed in chunks, in constant memory: the figures
 * {@code ent} prints (entropy, chi-square, mean, Monte Carlo pi, serial correlation), the SP 800-22
 * monobit and runs tests, the SP 800-90B most-common-value min-entropy estimate, and the FIPS 140-2
 * block tests as {@code rngtest} runs them.
 *
 * <p>Each of the {@value #PASS_FAIL_TESTS} pass/fail tests fails a healthy (independent, uniform)
 * source with probability at most {@link #PER_TEST_ALPHA}, so a whole run fails one with
 * probability at most {@link #FAMILY_FALSE_FAILURE_BOUND} (Bonferroni). A stuck source, or one
 * whose bits are 1 with probability 3/4, fails every run of at least {@link #MINIMUM_SAMPLE_BYTES}
 * bytes.
 *
 * <p>Not thread safe; feed it from one thread, then call {@link #report()}.
 */
public final class StatisticsAccumulator {

  /** The smallest sample {@link #report()} accepts: 8 FIPS blocks' worth (7 are tested). */
  public static final long MINIMUM_SAMPLE_BYTES = 20_000;

  /** The number of tests that can fail a run; the others are information only. */
  public static final int PASS_FAIL_TESTS = 10;

  /** Probability that one pass/fail test fails a healthy source. */
  public static final double PER_TEST_ALPHA = 5e-6;

  /** Bonferroni bound on the probability that a run fails a healthy source. */
  public static final double FAMILY_FALSE_FAILURE_BOUND = PASS_FAIL_TESTS * PER_TEST_ALPHA;

  private final ByteStatistics bytes = new ByteStatistics();
  private final FipsBlockTests fips = new FipsBlockTests();

  /** Feeds {@code length} bytes of {@code data} starting at {@code offset}. */
  public void update(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(data, "data").length);
    bytes.update(data, offset, length);
    fips.update(data, offset, length);
  }

  /** Feeds all of {@code data}. */
  public void update(byte[] data) {
    update(data, 0, data.length);
  }

  /** The number of bytes fed so far. */
  public long bytesProcessed() {
    return bytes.total();
  }

  /**
   * Computes the report over everything fed so far; more bytes may be fed afterwards.
   *
   * @throws IllegalArgumentException when fewer than {@link #MINIMUM_SAMPLE_BYTES} bytes were fed
   */
  public StatisticsReport report() {
    long n = bytes.total();
    if (n < MINIMUM_SAMPLE_BYTES) {
      throw new IllegalArgumentException(
          "statistical selftest needs at least "
              + MINIMUM_SAMPLE_BYTES
              + " bytes, got "
              + n
              + "; test a larger sample");
    }
    List<TestResult> results =
        new ArrayList<>(new WholeSampleTests(bytes, PER_TEST_ALPHA).results());
    results.addAll(fips.results(PER_TEST_ALPHA));
    return new StatisticsReport(n, PER_TEST_ALPHA, FAMILY_FALSE_FAILURE_BOUND, results);
  }
}
