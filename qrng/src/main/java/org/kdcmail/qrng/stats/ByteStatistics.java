package org.kdcmail.qrng.stats;

import java.math.BigInteger;

/**
 * Streaming sums over a byte sequence, from which the whole-sample tests are computed: the byte
 * histogram, the bit transitions (for the runs test), ent's serial-correlation sums and ent's Monte
 * Carlo hits. Memory is constant whatever the sample size.
 */
final class ByteStatistics {

  /** ent's MONTEN: each Monte Carlo point is 6 bytes, 24 bits for x and 24 bits for y. */
  static final int MONTE_CARLO_BYTES = 6;

  private static final long MONTE_CARLO_RADIUS_SQUARED = ((1L << 24) - 1) * ((1L << 24) - 1);
  private static final int[] TRANSITIONS_INSIDE_BYTE = new int[256];

  static {
    for (int b = 0; b < 256; b++) {
      TRANSITIONS_INSIDE_BYTE[b] = Integer.bitCount((b ^ (b >>> 1)) & 0x7F);
    }
  }

  private final long[] counts = new long[256];
  private long total;
  private int first;
  private int previous;
  private long productSum;
  private long bitTransitions;
  private final int[] point = new int[MONTE_CARLO_BYTES];
  private int pointFill;
  private long monteCarloPoints;
  private long monteCarloInside;

  void update(byte[] data, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      add(data[i] & 0xFF);
    }
  }

  private void add(int b) {
    counts[b]++;
    if (total == 0) {
      first = b;
    } else {
      productSum += (long) previous * b;
      bitTransitions += (previous & 1) ^ (b >>> 7);
    }
    bitTransitions += TRANSITIONS_INSIDE_BYTE[b];
    previous = b;
    total++;
    point[pointFill++] = b;
    if (pointFill == MONTE_CARLO_BYTES) {
      pointFill = 0;
      long x = ((long) point[0] << 16) | (point[1] << 8) | point[2];
      long y = ((long) point[3] << 16) | (point[4] << 8) | point[5];
      monteCarloPoints++;
      if (x * x + y * y <= MONTE_CARLO_RADIUS_SQUARED) {
        monteCarloInside++;
      }
    }
  }

  long total() {
    return total;
  }

  long count(int byteValue) {
    return counts[byteValue];
  }

  long maxCount() {
    long max = 0;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    return max;
  }

  long ones() {
    long ones = 0;
    for (int b = 0; b < 256; b++) {
      ones += counts[b] * Integer.bitCount(b);
    }
    return ones;
  }

  /** Number of adjacent bit pairs (most significant bit first) that differ. */
  long bitTransitions() {
    return bitTransitions;
  }

  double mean() {
    double sum = 0;
    for (int b = 0; b < 256; b++) {
      sum += (double) b * counts[b];
    }
    return sum / total;
  }

  /** Pearson's chi-square statistic over the 256 byte values. */
  double chiSquare() {
    double expected = total / 256.0;
    double chi = 0;
    for (long c : counts) {
      double d = c - expected;
      chi += d * d / expected;
    }
    return chi;
  }

  /** Shannon entropy of the byte histogram, bits per byte, as ent prints it. */
  double shannonEntropy() {
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / total;
        h -= p * Math.log(p);
      }
    }
    return Math.max(0, h / Math.log(2));
  }

  /**
   * ent's serial correlation coefficient: successive bytes, the last paired with the first, and
   * {@code NaN} when every byte is equal (ent prints -100000 there). Computed exactly in integers.
   */
  double serialCorrelation() {
    BigInteger n = BigInteger.valueOf(total);
    BigInteger sum = BigInteger.ZERO;
    BigInteger sumSquares = BigInteger.ZERO;
    for (int b = 0; b < 256; b++) {
      sum = sum.add(BigInteger.valueOf(counts[b] * b));
      sumSquares = sumSquares.add(BigInteger.valueOf(counts[b] * b * b));
    }
    BigInteger products =
        BigInteger.valueOf(productSum).add(BigInteger.valueOf((long) previous * first));
    BigInteger sumSquared = sum.multiply(sum);
    BigInteger denominator = n.multiply(sumSquares).subtract(sumSquared);
    if (denominator.signum() == 0) {
      return Double.NaN;
    }
    BigInteger numerator = n.multiply(products).subtract(sumSquared);
    return numerator.doubleValue() / denominator.doubleValue();
  }

  long monteCarloPoints() {
    return monteCarloPoints;
  }

  /** ent's Monte Carlo estimate of pi: 4 times the share of points inside the quarter circle. */
  double monteCarloPi() {
    return monteCarloPoints == 0 ? 0 : 4.0 * monteCarloInside / monteCarloPoints;
  }
}
