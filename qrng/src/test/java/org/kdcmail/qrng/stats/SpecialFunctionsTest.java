package org.kdcmail.qrng.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecialFunctionsTest {

  /** Values of erfc from Abramowitz & Stegun table 7.1 (to the digits shown, mpmath agrees). */
  @ParameterizedTest
  @CsvSource({
    "0.0, 1.0",
    "0.1, 0.887537083981715",
    "0.5, 0.4795001221869535",
    "1.0, 0.15729920705028513",
    "2.0, 0.004677734981047266",
    "3.0, 2.209049699858544e-05",
    "4.5, 1.9661604415428876e-10",
    "6.0, 2.1519736712498913e-17"
  })
  void erfc_publishedValues_relativeErrorBelowNumericalRecipesBound(double x, double expected) {
    assertThat(Math.abs(SpecialFunctions.erfc(x) - expected) / expected).isLessThan(1.2e-7);
    assertThat(SpecialFunctions.erfc(-x)).isCloseTo(2 - expected, within(2.4e-7));
  }

  @ParameterizedTest
  @CsvSource({"0.0", "1e-9", "0.3", "12", "40", "1e300"})
  void twoSidedNormalP_anyStatistic_staysInUnitInterval(double z) {
    assertThat(SpecialFunctions.twoSidedNormalP(z)).isBetween(0.0, 1.0);
    assertThat(SpecialFunctions.twoSidedNormalP(-z)).isBetween(0.0, 1.0);
  }

  /**
   * Chi-square, 255 degrees of freedom. The first three are the published table quantiles (lower 5
   * %, upper 5 %, upper 1 %); the others are scipy.stats.chi2.sf(x, 255).
   */
  @ParameterizedTest
  @CsvSource({
    "219.0252, 0.95",
    "293.2478, 0.05",
    "310.4574, 0.01",
    "200, 0.9954254445419519",
    "255, 0.48822252177040637",
    "330, 0.0010673201196121612",
    "400, 1.6600025244123397e-08"
  })
  void chiSquareUpperTail_255df_matchesPublishedValues(double x, double expected) {
    assertThat(SpecialFunctions.chiSquareUpperTail(x, 255))
        .isCloseTo(expected, withinPercentage(1e-3));
    assertThat(SpecialFunctions.chiSquareLowerTail(x, 255))
        .isCloseTo(1 - expected, within(1e-12 + 1e-5 * (1 - expected)));
  }

  /** For even df the upper tail is a finite Poisson sum: an independent check of the gamma code. */
  @ParameterizedTest
  @CsvSource({"180", "240", "256", "300", "420"})
  void chiSquareUpperTail_256df_matchesPoissonSum(double x) {
    double lambda = x / 2;
    double term = Math.exp(-lambda);
    double sum = 0;
    for (int k = 0; k < 128; k++) {
      sum += term;
      term *= lambda / (k + 1);
    }
    assertThat(SpecialFunctions.chiSquareUpperTail(x, 256)).isCloseTo(sum, withinPercentage(1e-8));
  }

  @ParameterizedTest
  @CsvSource({"5e-6, 367.34346629372124", "0.05, 293.2478"})
  void chiSquareUpperQuantile_255df_matchesScipy(double alpha, double expected) {
    assertThat(SpecialFunctions.chiSquareUpperQuantile(alpha, 255))
        .isCloseTo(expected, within(1e-3));
  }

  @ParameterizedTest
  @CsvSource({"5e-6, 4.564787730280885", "0.05, 1.959963984540054"})
  void twoSidedNormalCritical_matchesScipy(double alpha, double expected) {
    assertThat(SpecialFunctions.twoSidedNormalCritical(alpha)).isCloseTo(expected, within(1e-4));
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "2, 0", "3, 0.6931471805599453", "127.5, 489.13037043064287"})
  void logGamma_knownValues(double x, double expected) {
    assertThat(SpecialFunctions.logGamma(x)).isCloseTo(expected, within(1e-9));
  }
}
