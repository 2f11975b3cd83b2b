package org.kdcmail.qrng.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdaptiveProportionTestTest {

  /** Feeds a window of 512 where the first sample occurs {@code occurrences} times. */
  private static boolean feedWindow(AdaptiveProportionTest apt, int occurrences) {
    boolean passed = true;
    for (int i = 0; i < 512; i++) {
      byte sample = i < occurrences * 2 && i % 2 == 0 ? (byte) 0x41 : (byte) (i % 2 == 0 ? 2 : 3);
      passed &= apt.accept(sample);
    }
    return passed;
  }

  @Test
  void accept_cutoffMinusOneOccurrences_passes() {
    AdaptiveProportionTest apt = new AdaptiveProportionTest(512, 13);
    assertThat(feedWindow(apt, 12)).isTrue();
    assertThat(apt.count()).isEqualTo(12);
  }

  @Test
  void accept_cutoffOccurrences_fails() {
    AdaptiveProportionTest apt = new AdaptiveProportionTest(512, 13);
    assertThat(feedWindow(apt, 13)).isFalse();
  }

  @Test
  void accept_firstSampleCountsTowardsCutoff() {
    AdaptiveProportionTest apt = new AdaptiveProportionTest(4, 2);
    assertThat(apt.accept((byte) 9)).isTrue();
    assertThat(apt.accept((byte) 9)).isFalse(); // A plus one more = 2 = C
  }

  @Test
  void accept_countsOnlyWithinOneWindow() {
    AdaptiveProportionTest apt = new AdaptiveProportionTest(512, 13);
    assertThat(feedWindow(apt, 12)).isTrue();
    assertThat(feedWindow(apt, 12)).isTrue(); // a new window starts the count again
    assertThat(apt.referenceSample()).isEqualTo(0x41);
  }

  @Test
  void accept_referenceIsFirstSampleOfWindow_notMostFrequent() {
    AdaptiveProportionTest apt = new AdaptiveProportionTest(8, 4);
    // window 1: first sample 1, then 7 copies of 2: the count of 1 stays 1
    boolean passed = apt.accept((byte) 1);
    for (int i = 0; i < 7; i++) {
      passed &= apt.accept((byte) 2);
    }
    assertThat(passed).isTrue();
    // window 2 starts with 2: the fourth 2 fails
    assertThat(apt.accept((byte) 2)).isTrue();
    assertThat(apt.accept((byte) 2)).isTrue();
    assertThat(apt.accept((byte) 2)).isTrue();
    assertThat(apt.accept((byte) 2)).isFalse();
  }
}
