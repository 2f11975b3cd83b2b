package org.kdcmail.qrng.stats;

/**
 * The few special functions the statistical tests need, with their accuracy stated. This is
 * numerics, not cryptography: a wrong digit in the eighth place moves a p-value, never a key.
 *
 * <ul>
 *   <li>{@link #erfc}: the Chebyshev fit of Numerical Recipes in C, 2nd ed., §6.2 ({@code erfcc}),
 *       fractional error below 1.2e-7 for every argument.
 *   <li>{@link #logGamma}: Lanczos approximation, g = 7, 9 coefficients, relative error about 1e-15
 *       for arguments at least 0.5 (the tests only ever ask for 127.5).
 *   <li>{@link #regularizedGammaP}/{@link #regularizedGammaQ}: series below {@code a + 1}, Lentz's
 *       continued fraction above (Numerical Recipes §6.2, {@code gser}/{@code gcf}), iterated to
 *       relative precision 1e-15; each tail is computed directly, so a tiny lower tail is accurate
 *       and never obtained as {@code 1 - Q}.
 * </ul>
 */
final class SpecialFunctions {

  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
  private static final double EPSILON = 1e-15;
  private static final double TINY = 1e-300;
  private static final int MAX_ITERATIONS = 100_000;

  private SpecialFunctions() {}

  /** The complementary error function, fractional error below 1.2e-7. */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double poly =
        -1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    double ans = t * Math.exp(-z * z + poly);
    return x >= 0 ? ans : 2.0 - ans;
  }

  /**
   * Two-sided p-value of a standard normal statistic, {@code erfc(|z| / sqrt 2)}, clamped to [0, 1]
   * (the fit returns 1 + 3e-8 at zero).
   */
  static double twoSidedNormalP(double z) {
    return clampProbability(erfc(Math.abs(z) / Math.sqrt(2)));
  }

  /** The upper critical value z with two-sided p-value {@code alpha}, by bisection on erfc. */
  static double twoSidedNormalCritical(double alpha) {
    double lo = 0;
    double hi = 40;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (twoSidedNormalP(mid) > alpha) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /** ln Γ(x) for x ≥ 0.5. */
  static double logGamma(double x) {
    if (!(x >= 0.5)) {
      throw new IllegalArgumentException("logGamma needs x >= 0.5, got " + x);
    }
    double xm1 = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (xm1 + i);
    }
    double t = xm1 + 7.5;
    return HALF_LOG_TWO_PI + (xm1 + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** The regularized lower incomplete gamma function P(a, x), for a ≥ 0.5, x ≥ 0. */
  static double regularizedGammaP(double a, double x) {
    checkGammaArguments(a, x);
    if (x == 0) {
      return 0;
    }
    return x < a + 1 ? series(a, x) : clampProbability(1 - continuedFraction(a, x));
  }

  /** The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x). */
  static double regularizedGammaQ(double a, double x) {
    checkGammaArguments(a, x);
    if (x == 0) {
      return 1;
    }
    return x < a + 1 ? clampProbability(1 - series(a, x)) : continuedFraction(a, x);
  }

  /** Upper tail of the chi-square distribution with {@code df} degrees of freedom. */
  static double chiSquareUpperTail(double statistic, int df) {
    return regularizedGammaQ(df / 2.0, statistic / 2);
  }

  /** Lower tail (CDF) of the chi-square distribution with {@code df} degrees of freedom. */
  static double chiSquareLowerTail(double statistic, int df) {
    return regularizedGammaP(df / 2.0, statistic / 2);
  }

  /** The x with upper tail {@code alpha} of chi-square with {@code df} degrees, by bisection. */
  static double chiSquareUpperQuantile(double alpha, int df) {
    double lo = 0;
    double hi = df + 100.0 * Math.sqrt(2.0 * df) + 100;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (chiSquareUpperTail(mid, df) > alpha) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  static double clampProbability(double p) {
    return Math.max(0.0, Math.min(1.0, p));
  }

  private static void checkGammaArguments(double a, double x) {
    if (!(a >= 0.5) || !(x >= 0) || Double.isInfinite(a)) {
      throw new IllegalArgumentException("incomplete gamma needs a >= 0.5, x >= 0");
    }
  }

  /** Series for P(a, x), used for x < a + 1. */
  private static double series(double a, double x) {
    double ap = a;
    double term = 1 / a;
    double sum = term;
    for (int n = 0; n < MAX_ITERATIONS && Math.abs(term) >= Math.abs(sum) * EPSILON; n++) {
      ap += 1;
      term *= x / ap;
      sum += term;
    }
    return clampProbability(sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
  }

  /** Lentz continued fraction for Q(a, x), used for x ≥ a + 1. */
  private static double continuedFraction(double a, double x) {
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < TINY ? TINY : d;
      c = b + an / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        break;
      }
    }
    return clampProbability(Math.exp(-x + a * Math.log(x) - logGamma(a)) * h);
  }
}
