package org.kdcmail.qrng.stats;

/**
 * Exact binomial upper tails in log space, for the critical number of failed FIPS blocks.
 *
 * <p>Package-private on purpose: {@code org.kdcmail.qrng.health.BinomialTail} is being written in
 * parallel for the SP 800-90B adaptive proportion test; the two are to be unified when the branches
 * merge.
 */
final class BinomialTail {

  /** How far below log(alpha) a probability must fall before it is treated as negligible. */
  private static final double NEGLIGIBLE_LOG_MARGIN = 60;

  private BinomialTail() {}

  /**
   * The smallest c with P[Binomial(n, p) ≥ c] ≤ alpha; {@code n + 1} when even P[X = n] exceeds
   * alpha (the event can then never be called significant).
   */
  static long criticalCount(long n, double p, double alpha) {
    checkArguments(n, p);
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
    }
    if (p == 0) {
      return 1;
    }
    double logAlpha = Math.log(alpha);
    long last = lastNonNegligible(n, p, logAlpha - NEGLIGIBLE_LOG_MARGIN);
    double logTail = logPmf(n, p, last);
    if (logTail > logAlpha) {
      return last + 1;
    }
    for (long k = last - 1; k >= 0; k--) {
      logTail = logAddExp(logTail, logPmf(n, p, k));
      if (logTail > logAlpha) {
        return k + 1;
      }
    }
    return 0;
  }

  /** P[Binomial(n, p) ≥ c], summed exactly term by term in log space. */
  static double upperTail(long n, double p, long c) {
    checkArguments(n, p);
    if (c <= 0) {
      return 1;
    }
    if (c > n) {
      return 0;
    }
    double logTail = Double.NEGATIVE_INFINITY;
    long last = Math.max(c, lastNonNegligible(n, p, Math.log(Double.MIN_NORMAL)));
    for (long k = Math.min(last, n); k >= c; k--) {
      logTail = logAddExp(logTail, logPmf(n, p, k));
    }
    return SpecialFunctions.clampProbability(Math.exp(logTail));
  }

  /** The first k above the mean whose log probability is below {@code floor}, or n. */
  private static long lastNonNegligible(long n, double p, double floor) {
    long k = (long) Math.ceil(n * p);
    while (k < n && logPmf(n, p, k) >= floor) {
      k = Math.min(n, k + 1 + k / 16);
    }
    return k;
  }

  static double logPmf(long n, double p, long k) {
    if (p == 0) {
      return k == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    if (p == 1) {
      return k == n ? 0 : Double.NEGATIVE_INFINITY;
    }
    double logChoose =
        SpecialFunctions.logGamma(n + 1.0)
            - SpecialFunctions.logGamma(k + 1.0)
            - SpecialFunctions.logGamma(n - k + 1.0);
    return logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p);
  }

  private static double logAddExp(double a, double b) {
    double max = Math.max(a, b);
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
  }

  private static void checkArguments(long n, double p) {
    if (n < 0 || !(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("need n >= 0 and p in [0, 1], got n=" + n + ", p=" + p);
    }
  }
}
