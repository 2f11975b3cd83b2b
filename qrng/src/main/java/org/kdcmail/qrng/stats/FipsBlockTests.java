package org.kdcmail.qrng.stats;

import java.util.List;
import java.util.OptionalDouble;
import org.kdcmail.qrng.health.BinomialTail;

/**
 * The FIPS 140-2 (change notice of 2001-10-10) tests on consecutive 20,000-bit blocks, framed as
 * {@code rngtest} frames them: the first 4 bytes only prime the continuous run test, then each
 * 2,500-byte block is tested and a trailing partial block is ignored. Bits are read most
 * significant first.
 *
 * <p>A test fails the run when its number of failed blocks reaches the binomial critical count for
 * the test's per-block false-failure rate at the per-test alpha. The rates below are upper bounds
 * for a healthy source; see docs/selftest-statistics.md for how each was obtained.
 */
final class FipsBlockTests {

  static final int BLOCK_BYTES = 2500;
  static final int PRIME_BYTES = 4;

  /** Exact binomial: P[ones <= 9725 or ones >= 10275] = 1.0350e-4. */
  static final double MONOBIT_BLOCK_RATE = 1.04e-4;

  /**
   * Chi-square(15) approximation: 9.92e-5. Simulated: 320 failures in 3e6 blocks (1.07e-4); the
   * bound is that count plus 5 standard deviations, rounded up.
   */
  static final double POKER_BLOCK_RATE = 1.4e-4;

  /** Simulated: 911 failures in 3e6 blocks (3.04e-4), plus 5 standard deviations, rounded up. */
  static final double RUNS_BLOCK_RATE = 3.6e-4;

  /** Exact (Markov chain over run lengths): P[some run >= 26 in 20,000 bits] = 2.9762e-4. */
  static final double LONG_RUN_BLOCK_RATE = 2.98e-4;

  /** 625 comparisons per block, each equal with probability 2^-32: at most 1.4552e-7. */
  static final double CONTINUOUS_BLOCK_RATE = 1.46e-7;

  private static final int[] RUN_MIN = {2315, 1114, 527, 240, 103, 103};
  private static final int[] RUN_MAX = {2685, 1386, 723, 384, 209, 209};
  private static final int LONG_RUN = 26;

  private final byte[] block = new byte[BLOCK_BYTES];
  private int fill;
  private int primed;
  private int lastWord;
  private long blocks;
  private long monobitFailures;
  private long pokerFailures;
  private long runsFailures;
  private long longRunFailures;
  private long continuousFailures;

  void update(byte[] data, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end && primed < PRIME_BYTES) {
      lastWord = (lastWord << 8) | (data[i++] & 0xFF);
      primed++;
    }
    while (i < end) {
      int n = Math.min(end - i, BLOCK_BYTES - fill);
      System.arraycopy(data, i, block, fill, n);
      fill += n;
      i += n;
      if (fill == BLOCK_BYTES) {
        testBlock();
        fill = 0;
      }
    }
  }

  private void testBlock() {
    blocks++;
    boolean continuous = false;
    for (int i = 0; i < BLOCK_BYTES; i += 4) {
      int word = wordAt(i);
      continuous |= word == lastWord;
      lastWord = word;
    }
    continuousFailures += continuous ? 1 : 0;
    int ones = 0;
    long pokerSquares = 0;
    int[] nibbles = new int[16];
    for (byte b : block) {
      ones += Integer.bitCount(b & 0xFF);
      nibbles[(b >>> 4) & 0xF]++;
      nibbles[b & 0xF]++;
    }
    for (int f : nibbles) {
      pokerSquares += (long) f * f;
    }
    monobitFailures += (ones <= 9725 || ones >= 10275) ? 1 : 0;
    // X = 16/5000 * sum f^2 - 5000 must satisfy 2.16 < X < 46.17, in integers.
    pokerFailures += (pokerSquares < 1_563_176 || pokerSquares > 1_576_928) ? 1 : 0;
    countRuns();
  }

  /** Counts runs word by word: a run ends where the bits stop equalling the current bit. */
  private void countRuns() {
    int[] runs = new int[12];
    int current = (block[0] >>> 7) & 1;
    int length = 0;
    int longest = 0;
    for (int i = 0; i < BLOCK_BYTES; i += 4) {
      int word = wordAt(i);
      int remaining = 32;
      while (true) {
        int same = Integer.numberOfLeadingZeros(current == 1 ? ~word : word);
        if (same >= remaining) {
          length += remaining;
          break;
        }
        length += same;
        runs[6 * current + Math.min(length, 6) - 1]++;
        longest = Math.max(longest, length);
        current ^= 1;
        length = 0;
        word <<= same;
        remaining -= same;
      }
    }
    runs[6 * current + Math.min(length, 6) - 1]++;
    longest = Math.max(longest, length);
    longRunFailures += longest >= LONG_RUN ? 1 : 0;
    boolean fail = false;
    for (int k = 0; k < 12; k++) {
      fail |= runs[k] < RUN_MIN[k % 6] || runs[k] > RUN_MAX[k % 6];
    }
    runsFailures += fail ? 1 : 0;
  }

  private int wordAt(int i) {
    return (block[i] & 0xFF) << 24
        | (block[i + 1] & 0xFF) << 16
        | (block[i + 2] & 0xFF) << 8
        | (block[i + 3] & 0xFF);
  }

  long blocks() {
    return blocks;
  }

  List<TestResult> results(double alpha) {
    return List.of(
        result(TestNames.FIPS_MONOBIT, monobitFailures, MONOBIT_BLOCK_RATE, alpha),
        result(TestNames.FIPS_POKER, pokerFailures, POKER_BLOCK_RATE, alpha),
        result(TestNames.FIPS_RUNS, runsFailures, RUNS_BLOCK_RATE, alpha),
        result(TestNames.FIPS_LONG_RUN, longRunFailures, LONG_RUN_BLOCK_RATE, alpha),
        result(TestNames.FIPS_CONTINUOUS_RUN, continuousFailures, CONTINUOUS_BLOCK_RATE, alpha));
  }

  private TestResult result(String name, long failed, double rate, double alpha) {
    BinomialTail failedBlocks = new BinomialTail(Math.toIntExact(blocks), rate);
    long critical = failedBlocks.smallestCutoff(alpha);
    double p = SpecialFunctions.clampProbability(failedBlocks.upperTail(Math.toIntExact(failed)));
    return new TestResult(
        name,
        TestResult.verdict(failed < critical),
        List.of(
            new Figure("blocks", blocks),
            new Figure("failed", failed),
            new Figure("critical", critical)),
        String.format("failed < %d (block rate <= %.2e)", critical, rate),
        OptionalDouble.of(p),
        "");
  }
}
