package org.kdcmail.qrng.stats;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The tests computed once over the whole sample, from {@link ByteStatistics}. Each pass/fail test
 * fails a healthy source with probability at most {@code alpha} (two-sided tests split it evenly
 * between the tails).
 */
final class WholeSampleTests {

  private static final int DEGREES_OF_FREEDOM = 255;
  private static final double LN2 = Math.log(2);

  private final ByteStatistics stats;
  private final double alpha;
  private final double normalCritical;

  WholeSampleTests(ByteStatistics stats, double alpha) {
    this.stats = stats;
    this.alpha = alpha;
    this.normalCritical = SpecialFunctions.twoSidedNormalCritical(alpha);
  }

  List<TestResult> results() {
    return List.of(
        monobit(),
        runs(),
        chiSquare(),
        serialCorrelation(),
        entropy(),
        minEntropy(),
        mean(),
        monteCarloPi());
  }

  private String normalThreshold() {
    return String.format("|z| < %.3f (p >= %.1e)", normalCritical, alpha);
  }

  TestResult monobit() {
    double n = 8.0 * stats.total();
    double s = 2.0 * stats.ones() - n;
    double z = s / Math.sqrt(n);
    double p = SpecialFunctions.twoSidedNormalP(z);
    return new TestResult(
        TestNames.MONOBIT,
        TestResult.verdict(p >= alpha),
        List.of(new Figure("ones fraction", stats.ones() / n), new Figure("z", z)),
        normalThreshold(),
        OptionalDouble.of(p),
        "");
  }

  /**
   * SP 800-22 §2.3, conditional on the observed share of ones. The §2.3.4 prerequisite (skip with p
   * = 0 when |pi - 1/2| >= 2/sqrt(n)) is not applied: it alone would fail a healthy source with
   * probability 6.3e-5, and bias is the monobit test's job.
   */
  TestResult runs() {
    double n = 8.0 * stats.total();
    double pi = stats.ones() / n;
    double spread = pi * (1 - pi);
    long observed = stats.bitTransitions() + 1;
    if (spread == 0) {
      return new TestResult(
          TestNames.RUNS,
          Verdict.FAIL,
          List.of(new Figure("runs", observed)),
          normalThreshold(),
          OptionalDouble.of(0),
          "every bit is equal");
    }
    double z = (observed - 2 * n * spread) / (2 * Math.sqrt(n) * spread);
    double p = SpecialFunctions.twoSidedNormalP(z);
    return new TestResult(
        TestNames.RUNS,
        TestResult.verdict(p >= alpha),
        List.of(new Figure("runs", observed), new Figure("expected", 2 * n * spread + 1)),
        normalThreshold(),
        OptionalDouble.of(p),
        "");
  }

  TestResult chiSquare() {
    double chi = stats.chiSquare();
    double upper = SpecialFunctions.chiSquareUpperTail(chi, DEGREES_OF_FREEDOM);
    double lower = SpecialFunctions.chiSquareLowerTail(chi, DEGREES_OF_FREEDOM);
    boolean tooIrregular = upper < alpha / 2;
    boolean tooRegular = lower < alpha / 2;
    String detail = tooIrregular ? "too irregular" : tooRegular ? "too regular" : "";
    return new TestResult(
        TestNames.CHI_SQUARE,
        TestResult.verdict(!tooIrregular && !tooRegular),
        List.of(new Figure("chi-square", chi), new Figure("df", DEGREES_OF_FREEDOM)),
        String.format("%.1e < p < 1 - %.1e", alpha / 2, alpha / 2),
        OptionalDouble.of(upper),
        detail);
  }

  TestResult serialCorrelation() {
    double r = stats.serialCorrelation();
    if (Double.isNaN(r)) {
      return new TestResult(
          TestNames.SERIAL_CORRELATION,
          Verdict.FAIL,
          List.of(),
          normalThreshold(),
          OptionalDouble.of(0),
          "undefined: every byte is equal (ent prints -100000)");
    }
    double z = r * Math.sqrt(stats.total());
    double p = SpecialFunctions.twoSidedNormalP(z);
    return new TestResult(
        TestNames.SERIAL_CORRELATION,
        TestResult.verdict(p >= alpha),
        List.of(new Figure("r", r), new Figure("z", z)),
        normalThreshold(),
        OptionalDouble.of(p),
        "");
  }

  /**
   * Fails below {@code 8 - log2(1 + q/N)}, q the upper-alpha chi-square quantile. Since 8 - H is
   * the Kullback-Leibler divergence from uniform, which is at most log2(1 + chi-square/N), a
   * failure implies chi-square > q: probability at most alpha for a healthy source.
   */
  TestResult entropy() {
    double n = stats.total();
    double h = stats.shannonEntropy();
    double q = SpecialFunctions.chiSquareUpperQuantile(alpha, DEGREES_OF_FREEDOM);
    double minimum = 8 - Math.log1p(q / n) / LN2;
    double expected = 8 - DEGREES_OF_FREEDOM / (2 * n * LN2);
    return new TestResult(
        TestNames.ENTROPY,
        TestResult.verdict(h >= minimum),
        List.of(new Figure("bits/byte", h), new Figure("expected", expected)),
        String.format("H >= %.6f", minimum),
        OptionalDouble.empty(),
        "");
  }

  /** SP 800-90B §6.3.1: p_u = p + 2.576 sqrt(p(1-p)/(N-1)), H = -log2(p_u). */
  TestResult minEntropy() {
    double n = stats.total();
    double p = stats.maxCount() / n;
    double upper = Math.min(1, p + 2.576 * Math.sqrt(p * (1 - p) / (n - 1)));
    return new TestResult(
        TestNames.MIN_ENTROPY,
        Verdict.INFO,
        List.of(new Figure("bits/byte", Math.max(0, -Math.log(upper) / LN2))),
        "information only",
        OptionalDouble.empty(),
        "");
  }

  TestResult mean() {
    return new TestResult(
        TestNames.MEAN,
        Verdict.INFO,
        List.of(new Figure("mean", stats.mean()), new Figure("expected", 127.5)),
        "information only",
        OptionalDouble.empty(),
        "");
  }

  TestResult monteCarloPi() {
    double pi = stats.monteCarloPi();
    return new TestResult(
        TestNames.MONTE_CARLO_PI,
        Verdict.INFO,
        List.of(
            new Figure("pi", pi), new Figure("error %", 100 * Math.abs(pi - Math.PI) / Math.PI)),
        "information only",
        OptionalDouble.empty(),
        "");
  }
}
