package org.kdcmail.qrng.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthTestCutoffsTest {

  /** Every row of the alpha = 2^-20 table in attacks.md D1. */
  @ParameterizedTest(name = "H={0}: RCT {1}, APT(512) {2}")
  @CsvSource({
    "0.5, 41, 410",
    "1, 21, 311",
    "2, 11, 177",
    "4, 6, 62",
    "6, 5, 25",
    "7.5, 4, 15",
    "8, 4, 13"
  })
  void compute_alpha2pow20NonBinary_matchesPublishedTable(double h, int rct, int apt) {
    HealthTestCutoffs cutoffs = HealthTestCutoffs.compute(h, false, 0x1p-20);

    assertThat(cutoffs.repetitionCountCutoff()).isEqualTo(rct);
    assertThat(cutoffs.adaptiveProportionWindow()).isEqualTo(512);
    assertThat(cutoffs.adaptiveProportionCutoff()).isEqualTo(apt);
  }

  @ParameterizedTest(name = "binary H={0}: RCT {1}, APT(1024) {2}")
  @CsvSource({"0.5, 41, 793", "1, 21, 589"})
  void compute_alpha2pow20Binary_matchesPublishedTable(double h, int rct, int apt) {
    HealthTestCutoffs cutoffs = HealthTestCutoffs.compute(h, true, 0x1p-20);

    assertThat(cutoffs.repetitionCountCutoff()).isEqualTo(rct);
    assertThat(cutoffs.adaptiveProportionWindow()).isEqualTo(1024);
    assertThat(cutoffs.adaptiveProportionCutoff()).isEqualTo(apt);
  }

  /**
   * The production values, documented in docs/qrng-health-tests.md; cross-checked with an exact
   * 80-digit decimal binomial tail.
   */
  @ParameterizedTest(name = "H={0} binary={1}: RCT {2}, APT {3}")
  @CsvSource({
    "1, true, 41, 1024, 625",
    "0.5, false, 81, 512, 432",
    "1, false, 41, 512, 336",
    "2, false, 21, 512, 201",
    "4, false, 11, 512, 78",
    "6, false, 8, 512, 35",
    "7.5, false, 7, 512, 22",
    "8, false, 6, 512, 19"
  })
  void forSource_productionAlpha2pow40_matchesDocumentedTable(
      double h, boolean binary, int rct, int window, int apt) {
    HealthTestCutoffs cutoffs =
        HealthTestCutoffs.compute(h, binary, HealthTestCutoffs.PRODUCTION_ALPHA);
    System.out.printf(
        "alpha=2^-40 H=%s binary=%s: RCT C=%d, APT W=%d C=%d%n",
        h,
        binary,
        cutoffs.repetitionCountCutoff(),
        cutoffs.adaptiveProportionWindow(),
        cutoffs.adaptiveProportionCutoff());

    assertThat(cutoffs.repetitionCountCutoff()).isEqualTo(rct);
    assertThat(cutoffs.adaptiveProportionWindow()).isEqualTo(window);
    assertThat(cutoffs.adaptiveProportionCutoff()).isEqualTo(apt);
  }

  @Test
  void compute_productionAlphaH8_rctCutoffIsSix() {
    assertThat(HealthTestCutoffs.compute(8, false, HealthTestCutoffs.PRODUCTION_ALPHA))
        .extracting(HealthTestCutoffs::repetitionCountCutoff)
        .isEqualTo(6);
  }
}
