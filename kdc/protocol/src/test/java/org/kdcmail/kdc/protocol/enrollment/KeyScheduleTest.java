package org.kdcmail.kdc.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyScheduleTest {

  private final byte[] x = new TestRandom("x").next(32);
  private final byte[] k = new TestRandom("k").next(32);
  private final byte[] th = new TestRandom("th").next(32);

  @Test
  void deriveK1_changesWhenEitherSecretOrTranscriptChanges() {
    byte[] k1 = KeySchedule.deriveK1(x, k, th);
    for (int i = 0; i < 32; i++) {
      assertThat(KeySchedule.deriveK1(flip(x, i), k, th)).isNotEqualTo(k1);
      assertThat(KeySchedule.deriveK1(x, flip(k, i), th)).isNotEqualTo(k1);
      assertThat(KeySchedule.deriveK1(x, k, flip(th, i))).isNotEqualTo(k1);
    }
    assertThat(KeySchedule.deriveK1(x.clone(), k.clone(), th.clone())).isEqualTo(k1);
  }

  @Test
  void deriveK1_isHkdfOfConcatenatedSecrets() {
    byte[] ikm = new byte[64];
    System.arraycopy(x, 0, ikm, 0, 32);
    System.arraycopy(k, 0, ikm, 32, 32);
    assertThat(KeySchedule.deriveK1(x, k, th))
        .isEqualTo(KeySchedule.hkdf(ikm, th, EnrollmentProtocol.INFO_K1));
  }

  @Test
  void derivedKeys_areDistinctPerDirectionAndPurpose() {
    byte[] k1 = KeySchedule.deriveK1(x, k, th);
    byte[] c2s = KeySchedule.expand(k1, EnrollmentProtocol.INFO_AEAD_C2S);
    byte[] s2c = KeySchedule.expand(k1, EnrollmentProtocol.INFO_AEAD_S2C);
    byte[] mk = new TestRandom("mk").next(32);
    assertThat(c2s).isNotEqualTo(s2c).isNotEqualTo(k1);
    assertThat(KeySchedule.confirmation(mk, th, EnrollmentProtocol.INFO_CONFIRM_C2S))
        .isNotEqualTo(KeySchedule.confirmation(mk, th, EnrollmentProtocol.INFO_CONFIRM_S2C));
  }

  @Test
  void codeProof_dependsOnCodeAndK1() {
    EnrollmentCode a = EnrollmentCode.generate(new TestRandom("a"));
    EnrollmentCode b = EnrollmentCode.generate(new TestRandom("b"));
    byte[] k1 = KeySchedule.deriveK1(x, k, th);
    assertThat(KeySchedule.codeProof(a, k1, th)).isNotEqualTo(KeySchedule.codeProof(b, k1, th));
    assertThat(KeySchedule.codeProof(a, k1, th))
        .isNotEqualTo(KeySchedule.codeProof(a, flip(k1, 0), th));
  }

  @Test
  void nonce_isFourZeroBytesThenCounter() {
    assertThat(KeySchedule.nonce(0)).isEqualTo(new byte[12]);
    assertThat(KeySchedule.nonce(1)[11]).isEqualTo((byte) 1);
  }

  private static byte[] flip(byte[] b, int i) {
    byte[] c = b.clone();
    c[i] ^= 1;
    return c;
  }
}
