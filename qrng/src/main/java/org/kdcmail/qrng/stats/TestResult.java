package org.kdcmail.qrng.stats;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The outcome of one test in a {@link StatisticsReport}.
 *
 * @param name the test, e.g. {@code "chi-square"} or {@code "FIPS 140-2 poker"}
 * @param verdict pass, fail, or information only
 * @param figures the statistic(s) computed, in report order
 * @param threshold the acceptance region in words, e.g. {@code "p >= 5.0e-06"}
 * @param pValue the p-value where the test defines one; always in [0, 1]
 * @param detail a short explanation, empty when there is nothing to add
 */
public record TestResult(
    String name,
    Verdict verdict,
    List<Figure> figures,
    String threshold,
    OptionalDouble pValue,
    String detail) {

  /** Validates the result and freezes the figure list. */
  public TestResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(verdict, "verdict");
    figures = List.copyOf(figures);
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(pValue, "pValue");
    Objects.requireNonNull(detail, "detail");
    if (pValue.isPresent() && !(pValue.getAsDouble() >= 0 && pValue.getAsDouble() <= 1)) {
      throw new IllegalArgumentException("p-value of " + name + " outside [0, 1]: " + pValue);
    }
  }

  /** True unless the verdict is {@link Verdict#FAIL}. */
  public boolean passed() {
    return verdict != Verdict.FAIL;
  }

  /** The figure with the given name. */
  public double figure(String figureName) {
    return figures.stream()
        .filter(f -> f.name().equals(figureName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " has no figure " + figureName))
        .value();
  }

  static Verdict verdict(boolean pass) {
    return pass ? Verdict.PASS : Verdict.FAIL;
  }
}
