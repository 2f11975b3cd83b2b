package org.kdcmail.kdc.protocol.enrollment;

import static org.kdcmail.kdc.protocol.enrollment.EnrollmentProtocol.*;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Transcript hash, k1, the keys derived from k1 and from the master key, the code proof, and the
 * AEAD used for the points. All functions are pure; docs/protocol.md is normative.
 */
final class KeySchedule {

  static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 12;

  private KeySchedule() {}

  /** SHA-256 over each field as u32 big-endian length ‖ bytes, in the documented order. */
  static byte[] transcriptHash(
      byte[] username,
      byte[] invitationId,
      byte[] clientX25519,
      byte[] serverX25519,
      byte[] mlkemPublicKey,
      byte[] mlkemCiphertext,
      byte[] identityPublicKey) {
    MessageDigest sha = sha256();
    for (byte[] field :
        new byte[][] {
          {VERSION},
          LABEL_BYTES,
          username,
          invitationId,
          clientX25519,
          serverX25519,
          mlkemPublicKey,
          mlkemCiphertext,
          identityPublicKey
        }) {
      sha.update(ByteBuffer.allocate(4).putInt(field.length).array());
      sha.update(field);
    }
    return sha.digest();
  }

  /** What the KDC signs: the ASCII signature context ‖ transcript hash. */
  static byte[] signedMessage(byte[] transcriptHash) {
    byte[] m = Arrays.copyOf(SIGNATURE_CONTEXT, SIGNATURE_CONTEXT.length + transcriptHash.length);
    System.arraycopy(transcriptHash, 0, m, SIGNATURE_CONTEXT.length, transcriptHash.length);
    return m;
  }

  /** k1 = HKDF-SHA256(ikm = ss_X25519 ‖ ss_MLKEM, salt = transcript hash, info = label). */
  static byte[] deriveK1(byte[] x25519Secret, byte[] mlkemSecret, byte[] transcriptHash) {
    byte[] ikm = new byte[x25519Secret.length + mlkemSecret.length];
    System.arraycopy(x25519Secret, 0, ikm, 0, x25519Secret.length);
    System.arraycopy(mlkemSecret, 0, ikm, x25519Secret.length, mlkemSecret.length);
    try {
      return hkdf(ikm, transcriptHash, INFO_K1);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /** HKDF-Expand(PRK = k1, info, 32): per-direction and per-purpose keys from k1. */
  static byte[] expand(byte[] k1, byte[] info) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    g.init(HKDFParameters.skipExtractParameters(k1, info));
    byte[] out = new byte[KEY_BYTES];
    g.generateBytes(out, 0, out.length);
    return out;
  }

  /** HKDF-SHA256 (extract and expand), 32 bytes. */
  static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    g.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[KEY_BYTES];
    g.generateBytes(out, 0, out.length);
    return out;
  }

  /** HMAC-SHA256(HKDF(ikm = code, salt = k1, info = code-proof label), transcript hash). */
  static byte[] codeProof(EnrollmentCode code, byte[] k1, byte[] transcriptHash) {
    byte[] raw = code.raw();
    byte[] key = hkdf(raw, k1, INFO_CODE_PROOF);
    Arrays.fill(raw, (byte) 0);
    try {
      return hmac(key, transcriptHash);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** HMAC-SHA256(HKDF(ikm = MK, salt = transcript hash, info = direction label), TH). */
  static byte[] confirmation(byte[] masterKey, byte[] transcriptHash, byte[] info) {
    byte[] key = hkdf(masterKey, transcriptHash, info);
    try {
      return hmac(key, transcriptHash);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** The 12-byte nonce for message number {@code counter} under one direction's key. */
  static byte[] nonce(long counter) {
    return ByteBuffer.allocate(NONCE_BYTES).putInt(0).putLong(counter).array();
  }

  /** AAD = version ‖ type ‖ u8 len ‖ username ‖ invitation id ‖ transcript hash. */
  static byte[] aad(MessageType type, byte[] username, byte[] invitationId, byte[] th) {
    return ByteBuffer.allocate(3 + username.length + invitationId.length + th.length)
        .put(VERSION)
        .put(type.code())
        .put((byte) username.length)
        .put(username)
        .put(invitationId)
        .put(th)
        .array();
  }

  static byte[] seal(byte[] key, long counter, byte[] plaintext, byte[] aad) {
    try {
      return gcm(Cipher.ENCRYPT_MODE, key, counter, aad).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM unavailable", e);
    }
  }

  static byte[] open(byte[] key, long counter, byte[] ciphertext, byte[] aad)
      throws EnrollmentException {
    try {
      return gcm(Cipher.DECRYPT_MODE, key, counter, aad).doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      throw EnrollmentException.generic();
    }
  }

  private static Cipher gcm(int mode, byte[] key, long counter, byte[] aad)
      throws GeneralSecurityException {
    if (key.length != KEY_BYTES) {
      throw new InvalidKeyException("AES-256 key expected");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(
        mode,
        new SecretKeySpec(key, "AES"),
        new GCMParameterSpec(8 * GCM_TAG_BYTES, nonce(counter)));
    c.updateAAD(aad);
    return c;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
