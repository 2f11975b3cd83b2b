package org.kdcmail.kdc.protocol.confirm;

import static org.kdcmail.kdc.protocol.session.SessionProtocol.VERSION;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.kdcmail.kdc.protocol.session.PairwiseKey;
import org.kdcmail.kdc.protocol.session.SessionCrypto;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.session.SessionMessageType;
import org.kdcmail.kdc.protocol.session.SessionRandom;

/**
 * Key confirmation (seed steps 3–4) under the pairwise key K_AB, never K_S (which every
 * co-recipient holds): A sends {@code Enc(ID_A ‖ N)}, B answers {@code Enc(ID_B ‖ N+5)} with N a
 * random 128-bit value and N+5 computed mod 2^128. Each direction has its own subkey {@code
 * HKDF(K_AB, label)} and its label in the AAD, so a reflected challenge never passes as an answer;
 * without K_AB no answer verifies (AEAD). Layout of both messages: {@code 01 ‖ type ‖ nonce (12) ‖
 * ciphertext ‖ tag (16)}; plaintext {@code LP16(ID) ‖ N (16)}; AAD {@code 01 ‖ type ‖ u8 len ‖
 * label ‖ LP16(ID_A) ‖ LP16(ID_B)}.
 */
public final class KeyConfirmation {

  /** Length of N. */
  public static final int N_BYTES = 16;

  static final byte[] LABEL_A_TO_B = ascii("kdcmail confirm A to B v1");
  static final byte[] LABEL_B_TO_A = ascii("kdcmail confirm B to A v1");

  private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

  private KeyConfirmation() {}

  /** A: a challenge to B with a fresh random N. */
  public static ConfirmationChallenge challenge(
      PairwiseKey kab, String idA, String idB, SessionRandom random) {
    byte[] n = random.next(N_BYTES);
    byte[] msg =
        seal(SessionMessageType.CONFIRM_CHALLENGE, LABEL_A_TO_B, kab, idA, idB, idA, n, random);
    return new ConfirmationChallenge(msg, n);
  }

  /** B: the answer to A's challenge, with a fresh GCM nonce from a {@link SecureRandom}. */
  public static byte[] answer(byte[] challenge, PairwiseKey kab, String idA, String idB)
      throws SessionException {
    return answer(challenge, kab, idA, idB, SessionRandom.of(DEFAULT_RANDOM));
  }

  /**
   * B: checks the challenge under K_AB (A → B direction, naming ID_A) and answers with N+5.
   *
   * @throws SessionException {@link SessionException#REJECTED} if it does not authenticate
   */
  public static byte[] answer(
      byte[] challenge, PairwiseKey kab, String idA, String idB, SessionRandom random)
      throws SessionException {
    byte[] n =
        open(SessionMessageType.CONFIRM_CHALLENGE, LABEL_A_TO_B, challenge, kab, idA, idB, idA);
    return seal(
        SessionMessageType.CONFIRM_ANSWER, LABEL_B_TO_A, kab, idA, idB, idB, plus5(n), random);
  }

  /**
   * A: accepts only B's answer under K_AB (B → A direction, naming ID_B) carrying N+5.
   *
   * @throws SessionException {@link SessionException#REJECTED} otherwise
   */
  public static void verifyAnswer(
      byte[] answer, ConfirmationChallenge challenge, PairwiseKey kab, String idA, String idB)
      throws SessionException {
    byte[] n = open(SessionMessageType.CONFIRM_ANSWER, LABEL_B_TO_A, answer, kab, idA, idB, idB);
    if (!MessageDigest.isEqual(n, plus5(challenge.nonce()))) {
      throw new SessionException(SessionException.REJECTED);
    }
  }

  /** (n + 5) mod 2^128, big-endian. */
  static byte[] plus5(byte[] n) {
    byte[] out = n.clone();
    int carry = 5;
    for (int i = out.length - 1; i >= 0 && carry != 0; i--) {
      int v = (out[i] & 0xFF) + carry;
      out[i] = (byte) v;
      carry = v >>> 8;
    }
    return out;
  }

  private static byte[] seal(
      SessionMessageType type,
      byte[] label,
      PairwiseKey kab,
      String idA,
      String idB,
      String who,
      byte[] n,
      SessionRandom random) {
    byte[] who8 = who.getBytes(StandardCharsets.UTF_8);
    byte[] plain = new byte[2 + who8.length + N_BYTES];
    plain[0] = (byte) (who8.length >>> 8);
    plain[1] = (byte) who8.length;
    System.arraycopy(who8, 0, plain, 2, who8.length);
    System.arraycopy(n, 0, plain, 2 + who8.length, N_BYTES);
    byte[] key = subkey(kab, label);
    try {
      byte[] box =
          SessionCrypto.seal(key, random, plain, SessionCrypto.aad(type, label, null, idA, idB));
      byte[] out = new byte[2 + box.length];
      out[0] = VERSION;
      out[1] = type.code();
      System.arraycopy(box, 0, out, 2, box.length);
      return out;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Returns N after checking version, type, AEAD and that the plaintext names {@code who}. */
  private static byte[] open(
      SessionMessageType type,
      byte[] label,
      byte[] msg,
      PairwiseKey kab,
      String idA,
      String idB,
      String who)
      throws SessionException {
    if (msg == null || msg.length < 2 || msg[0] != VERSION || msg[1] != type.code()) {
      throw new SessionException(SessionException.MALFORMED);
    }
    byte[] key = subkey(kab, label);
    byte[] plain;
    try {
      plain =
          SessionCrypto.open(
              key,
              Arrays.copyOfRange(msg, 2, msg.length),
              SessionCrypto.aad(type, label, null, idA, idB));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    byte[] who8 = who.getBytes(StandardCharsets.UTF_8);
    byte[] expectedPrefix = new byte[2 + who8.length];
    expectedPrefix[0] = (byte) (who8.length >>> 8);
    expectedPrefix[1] = (byte) who8.length;
    System.arraycopy(who8, 0, expectedPrefix, 2, who8.length);
    if (plain.length != expectedPrefix.length + N_BYTES
        || !MessageDigest.isEqual(Arrays.copyOf(plain, expectedPrefix.length), expectedPrefix)) {
      throw new SessionException(SessionException.REJECTED);
    }
    return Arrays.copyOfRange(plain, expectedPrefix.length, plain.length);
  }

  private static byte[] subkey(PairwiseKey kab, byte[] label) {
    byte[] k = kab.copyBytes();
    try {
      return SessionCrypto.hkdf(k, label);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
