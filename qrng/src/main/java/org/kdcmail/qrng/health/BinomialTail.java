package org.kdcmail.qrng.health;

/**
 * The upper tail of a binomial distribution, computed in log space so that large trial counts (e.g.
 * {@code Binomial(1024, 0.5)}) neither underflow nor lose the far tail.
 *
 * <p>Used for the adaptive proportion test cutoff ({@code 1 + CRITBINOM(W, 2^-H, 1 - alpha)}) and
 * by the selftest statistics.
 *
 * @param trials the number of trials n, at least 1
 * @param successProbability the success probability p of one trial, in the open interval (0, 1)
 */
public record BinomialTail(int trials, double successProbability) {

  public BinomialTail {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be positive, got " + trials);
    }
    if (!(successProbability > 0 && successProbability < 1)) {
      throw new IllegalArgumentException(
          "success probability must be in (0, 1), got " + successProbability);
    }
  }

  /** The natural log of {@code P[X >= atLeast]}; {@code -Infinity} when atLeast exceeds n. */
  public double logUpperTail(int atLeast) {
    if (atLeast <= 0) {
      return 0.0;
    }
    if (atLeast > trials) {
      return Double.NEGATIVE_INFINITY;
    }
    return logUpperTails()[atLeast];
  }

  /** {@code P[X >= atLeast]}. */
  public double upperTail(int atLeast) {
    return Math.exp(logUpperTail(atLeast));
  }

  /**
   * The smallest c in {@code [0, n + 1]} with {@code P[X >= c] <= alpha}; equals {@code 1 +
   * CRITBINOM(n, p, 1 - alpha)}.
   */
  public int smallestCutoff(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    double logAlpha = Math.log(alpha);
    double[] tails = logUpperTails();
    for (int c = 0; c <= trials; c++) {
      if (tails[c] <= logAlpha) {
        return c;
      }
    }
    return trials + 1;
  }

  /** {@code result[k] = ln P[X >= k]} for k in [0, n]. */
  private double[] logUpperTails() {
    double logP = Math.log(successProbability);
    double logQ = Math.log1p(-successProbability);
    double[] logPmf = new double[trials + 1];
    double logChoose = 0.0; // ln C(n, 0)
    for (int k = 0; k <= trials; k++) {
      logPmf[k] = logChoose + k * logP + (trials - k) * logQ;
      logChoose += Math.log(trials - k) - Math.log(k + 1.0);
    }
    double[] tails = new double[trials + 1];
    double running = Double.NEGATIVE_INFINITY;
    for (int k = trials; k >= 0; k--) {
      running = logAddExp(running, logPmf[k]);
      tails[k] = running;
    }
    return tails;
  }

  private static double logAddExp(double a, double b) {
    double max = Math.max(a, b);
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
  }
}
