package org.kdcmail.kdc.protocol.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.session.PairwiseKey;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.session.SessionKey;
import org.kdcmail.kdc.protocol.session.SessionRandom;

class KeyConfirmationTest {
  static final String A = "alice@example.test";
  static final String B = "bob@example.test";
  static final String C = "carol@example.test";
  final SessionRandom random = SessionRandom.of(new SecureRandom());
  final PairwiseKey kab = PairwiseKey.copyOf(random.next(32));
  final PairwiseKey kac = PairwiseKey.copyOf(random.next(32));
  final SessionKey ks = SessionKey.copyOf(random.next(32));

  @Test
  void rightAnswer_verifies() throws Exception {
    ConfirmationChallenge c = KeyConfirmation.challenge(kab, A, B, random);
    byte[] answer = KeyConfirmation.answer(c.message(), kab, A, B);
    KeyConfirmation.verifyAnswer(answer, c, kab, A, B);
  }

  @Test
  void plus5_wrapsMod2pow128() {
    byte[] max = new byte[16];
    java.util.Arrays.fill(max, (byte) 0xFF);
    byte[] r = KeyConfirmation.plus5(max);
    byte[] expected = new byte[16];
    expected[15] = 4;
    assertThat(r).isEqualTo(expected);
    byte[] carry = new byte[16];
    carry[15] = (byte) 0xFE;
    assertThat(KeyConfirmation.plus5(carry)[14]).isEqualTo((byte) 1);
    assertThat(KeyConfirmation.plus5(carry)[15]).isEqualTo((byte) 3);
  }

  @Test
  void answerUnderWrongKey_rejected() throws Exception {
    ConfirmationChallenge c = KeyConfirmation.challenge(kab, A, B, random);
    assertThatThrownBy(() -> KeyConfirmation.answer(c.message(), kac, A, B))
        .hasMessage(SessionException.REJECTED);
    PairwiseKey other = PairwiseKey.copyOf(random.next(32));
    byte[] forged =
        KeyConfirmation.answer(
            KeyConfirmation.challenge(other, A, B, random).message(), other, A, B);
    assertThatThrownBy(() -> KeyConfirmation.verifyAnswer(forged, c, kab, A, B))
        .isInstanceOf(SessionException.class);
  }

  @Test
  void reflectedChallenge_rejectedAsAnswer() throws Exception {
    ConfirmationChallenge c = KeyConfirmation.challenge(kab, A, B, random);
    assertThatThrownBy(() -> KeyConfirmation.verifyAnswer(c.message(), c, kab, A, B))
        .isInstanceOf(SessionException.class);
    byte[] retyped = c.message();
    retyped[1] = org.kdcmail.kdc.protocol.session.SessionMessageType.CONFIRM_ANSWER.code();
    assertThatThrownBy(() -> KeyConfirmation.verifyAnswer(retyped, c, kab, A, B))
        .hasMessage(SessionException.REJECTED);
  }

  @Test
  void answerToAnotherChallenge_rejected() throws Exception {
    ConfirmationChallenge c1 = KeyConfirmation.challenge(kab, A, B, random);
    ConfirmationChallenge c2 = KeyConfirmation.challenge(kab, A, B, random);
    byte[] answer1 = KeyConfirmation.answer(c1.message(), kab, A, B);
    assertThatThrownBy(() -> KeyConfirmation.verifyAnswer(answer1, c2, kab, A, B))
        .hasMessage(SessionException.REJECTED);
  }

  @Test
  void everyBitFlip_ofChallengeAndAnswer_rejected() throws Exception {
    ConfirmationChallenge c = KeyConfirmation.challenge(kab, A, B, random);
    byte[] answer = KeyConfirmation.answer(c.message(), kab, A, B);
    byte[] ch = c.message();
    for (int i = 0; i < ch.length * 8; i++) {
      byte[] t = ch.clone();
      t[i / 8] ^= (byte) (1 << (i % 8));
      assertThatThrownBy(() -> KeyConfirmation.answer(t, kab, A, B))
          .isInstanceOf(SessionException.class);
    }
    for (int i = 0; i < answer.length * 8; i++) {
      byte[] t = answer.clone();
      t[i / 8] ^= (byte) (1 << (i % 8));
      assertThatThrownBy(() -> KeyConfirmation.verifyAnswer(t, c, kab, A, B))
          .isInstanceOf(SessionException.class);
    }
  }

  @Test
  void a5_xorForgery_idAndLowNonceBits_rejected64of64() throws Exception {
    byte[] a = A.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] b = "bob@example.testxx".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String b2 = new String(b, java.nio.charset.StandardCharsets.UTF_8);
    for (int round = 0; round < 64; round++) {
      ConfirmationChallenge c = KeyConfirmation.challenge(kab, A, b2, random);
      byte[] forged = c.message();
      forged[1] = org.kdcmail.kdc.protocol.session.SessionMessageType.CONFIRM_ANSWER.code();
      int idAt = 2 + 12 + 2;
      for (int i = 0; i < a.length; i++) {
        forged[idAt + i] ^= (byte) (a[i] ^ b[i]);
      }
      forged[idAt + a.length + 15] ^= 0b101;
      assertThatThrownBy(() -> KeyConfirmation.verifyAnswer(forged, c, kab, A, b2))
          .isInstanceOf(SessionException.class);
    }
  }

  @Test
  void coRecipient_holdingKsAndKab_cannotSpeakForAliceToCarol() throws Exception {
    // Bob has K_S and K_AB but not K_AC. His "challenge from Alice" to Carol fails at Carol.
    ConfirmationChallenge underKab = KeyConfirmation.challenge(kab, A, C, random);
    assertThatThrownBy(() -> KeyConfirmation.answer(underKab.message(), kac, A, C))
        .hasMessage(SessionException.REJECTED);
    PairwiseKey ksAsPairwise = PairwiseKey.copyOf(ks.copyBytes());
    ConfirmationChallenge underKs = KeyConfirmation.challenge(ksAsPairwise, A, C, random);
    assertThatThrownBy(() -> KeyConfirmation.answer(underKs.message(), kac, A, C))
        .hasMessage(SessionException.REJECTED);
    // Nor can he answer Alice's challenge to Carol in Carol's name.
    ConfirmationChallenge toCarol = KeyConfirmation.challenge(kac, A, C, random);
    assertThatThrownBy(() -> KeyConfirmation.answer(toCarol.message(), kab, A, C))
        .hasMessage(SessionException.REJECTED);
    byte[] bobsFake =
        KeyConfirmation.answer(KeyConfirmation.challenge(kab, A, C, random).message(), kab, A, C);
    assertThatThrownBy(() -> KeyConfirmation.verifyAnswer(bobsFake, toCarol, kac, A, C))
        .isInstanceOf(SessionException.class);
  }
}
