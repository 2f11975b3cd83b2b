package org.kdcmail.qrng.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference values for {@link BinomialTail} as the FIPS block tests of the selftest use it. */
class BinomialTailReferenceTest {

  /** Reference values from scipy.stats.binom.sf(c - 1, n, p). */
  @ParameterizedTest
  @CsvSource({
    "1000, 0.01, 3, 0.9973205680062085",
    "1000, 0.01, 10, 0.5426994078251132",
    "40000, 1.04e-4, 17, 1.897634492939154e-06",
    "40000, 1.04e-4, 16, 7.889117753152195e-06",
    "7, 1.04e-4, 2, 2.2705727180249285e-07"
  })
  void upperTail_matchesScipy(int n, double p, int c, double expected) {
    assertThat(new BinomialTail(n, p).upperTail(c)).isCloseTo(expected, withinPercentage(1e-6));
  }

  @Test
  void criticalCount_smallCases_matchBruteForce() {
    for (int n = 1; n <= 60; n += 7) {
      for (double p : new double[] {1e-7, 1e-4, 0.01, 0.3, 0.9}) {
        for (double alpha : new double[] {5e-6, 0.05}) {
          int expected = n + 1;
          for (int c = n; c >= 0 && bruteForceTail(n, p, c) <= alpha; c--) {
            expected = c;
          }
          assertThat(new BinomialTail(n, p).smallestCutoff(alpha))
              .as("n=%d p=%s alpha=%s", n, p, alpha)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void criticalCount_fipsFigures() {
    assertThat(new BinomialTail(40_000, 1.04e-4).smallestCutoff(5e-6)).isEqualTo(17);
    assertThat(new BinomialTail(7, 1.04e-4).smallestCutoff(5e-6)).isEqualTo(2);
    assertThat(new BinomialTail(7, 1.46e-7).smallestCutoff(5e-6)).isEqualTo(1);
    assertThat(new BinomialTail(4_000_000, 6e-4).smallestCutoff(5e-6)).isGreaterThan(2_400);
  }

  @Test
  void criticalCount_badAlpha_rejected() {
    assertThatThrownBy(() -> new BinomialTail(10, 0.1).smallestCutoff(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double bruteForceTail(int n, double p, int c) {
    double sum = 0;
    for (int k = c; k <= n; k++) {
      double choose = 1;
      for (int i = 0; i < k; i++) {
        choose = choose * (n - i) / (i + 1);
      }
      sum += choose * Math.pow(p, k) * Math.pow(1 - p, n - k);
    }
    return sum;
  }
}
