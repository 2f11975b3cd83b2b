package org.kdcmail.qrng.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kdcmail.qrng.testsources.AptOnlySource;

class RepetitionCountTestTest {

  @Test
  void accept_cutoffMinusOneRepeats_passes() {
    RepetitionCountTest rct = new RepetitionCountTest(6);
    for (int i = 0; i < 5; i++) {
      assertThat(rct.accept((byte) 7)).as("sample %d", i + 1).isTrue();
    }
    assertThat(rct.currentRun()).isEqualTo(5);
  }

  @Test
  void accept_cutoffRepeats_failsOnTheCthSample() {
    RepetitionCountTest rct = new RepetitionCountTest(6);
    for (int i = 0; i < 5; i++) {
      rct.accept((byte) 7);
    }
    assertThat(rct.accept((byte) 7)).isFalse();
    assertThat(rct.currentRun()).isEqualTo(6);
  }

  @Test
  void accept_differentSampleBeforeCutoff_restartsRunAtOne() {
    RepetitionCountTest rct = new RepetitionCountTest(3);
    assertThat(rct.accept((byte) 1)).isTrue();
    assertThat(rct.accept((byte) 1)).isTrue();
    assertThat(rct.accept((byte) 2)).isTrue();
    assertThat(rct.currentRun()).isEqualTo(1);
    assertThat(rct.accept((byte) 2)).isTrue();
    assertThat(rct.accept((byte) 2)).isFalse();
  }

  @Test
  void accept_negativeAndPositiveBytes_comparedAsValues() {
    RepetitionCountTest rct = new RepetitionCountTest(2);
    assertThat(rct.accept((byte) 0xff)).isTrue();
    assertThat(rct.accept((byte) 0x7f)).isTrue();
    assertThat(rct.accept((byte) 0x7f)).isFalse();
  }

  @Test
  void reset_afterLongRun_startsAfresh() {
    RepetitionCountTest rct = new RepetitionCountTest(3);
    rct.accept((byte) 0);
    rct.accept((byte) 0);
    rct.reset();
    assertThat(rct.accept((byte) 0)).isTrue();
    assertThat(rct.accept((byte) 0)).isTrue();
  }

  /** The point of the APT: a repetition-only implementation passes this broken source. */
  @Test
  void accept_aptOnlySource_neverFails() {
    RepetitionCountTest rct = new RepetitionCountTest(2); // the strictest possible cutoff
    byte[] samples = new byte[1 << 20];
    try (AptOnlySource source = new AptOnlySource(1)) {
      source.readSamples(samples, 0, samples.length);
    }
    for (byte sample : samples) {
      assertThat(rct.accept(sample)).isTrue();
    }
  }
}
