package org.kdcmail.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-copy cryptography of format version 1: HKDF-SHA256 copy key, one AES-256-GCM call per
 * segment through the JDK provider, nonce = 7-byte prefix ‖ 4-byte counter ‖ last flag, and the
 * per-recipient HMAC-SHA256 authenticator. Every failure is one generic {@link
 * GeneralSecurityException}.
 */
final class CopyCrypto implements AutoCloseable {

  private final byte[] copyKey;
  private final SecretKeySpec keySpec;
  private final byte[] aad;
  private final byte[] nonce = new byte[12];
  private final Cipher cipher;

  CopyCrypto(byte[] sessionKey, Envelope envelope) throws GeneralSecurityException {
    byte[] info = concat(Format.COPY_KEY_INFO, Format.ascii(envelope.keyId));
    this.copyKey = hkdfSha256(sessionKey, envelope.salt, info, 32);
    this.keySpec = new SecretKeySpec(copyKey, "AES");
    this.aad = concat(Format.SEGMENT_AAD_LABEL, envelope.coreHash);
    System.arraycopy(envelope.noncePrefix, 0, nonce, 0, Format.NONCE_PREFIX_BYTES);
    this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
  }

  private GCMParameterSpec nonce(long segment, boolean last) {
    if (segment > 0xffffffffL) {
      throw new IllegalStateException("too many segments");
    }
    nonce[7] = (byte) (segment >>> 24);
    nonce[8] = (byte) (segment >>> 16);
    nonce[9] = (byte) (segment >>> 8);
    nonce[10] = (byte) segment;
    nonce[11] = (byte) (last ? 1 : 0);
    return new GCMParameterSpec(128, nonce);
  }

  /** Encrypts one segment into {@code out}; returns the ciphertext length (len + 16). */
  int seal(long segment, boolean last, byte[] in, int len, byte[] out)
      throws GeneralSecurityException {
    cipher.init(Cipher.ENCRYPT_MODE, keySpec, nonce(segment, last));
    cipher.updateAAD(aad);
    return cipher.doFinal(in, 0, len, out, 0);
  }

  /** Decrypts and verifies one segment into {@code out}; returns the plaintext length. */
  int open(long segment, boolean last, byte[] in, int len, byte[] out)
      throws GeneralSecurityException {
    if (len < Format.TAG_BYTES) {
      throw new GeneralSecurityException("decryption failed");
    }
    try {
      cipher.init(Cipher.DECRYPT_MODE, keySpec, nonce(segment, last));
      cipher.updateAAD(aad);
      return cipher.doFinal(in, 0, len, out, 0);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("decryption failed");
    }
  }

  @Override
  public void close() {
    Arrays.fill(copyKey, (byte) 0);
  }

  /**
   * HMAC-SHA256(K_AB, label ‖ lp(key id) ‖ lp(sender) ‖ lp(recipient) ‖ lp(Message-ID) ‖
   * SHA-256(core) ‖ SHA-256(ciphertext)), lp = 2-byte big-endian length then UTF-8 bytes.
   */
  static byte[] authenticator(
      byte[] pairwiseKey,
      Envelope envelope,
      String recipient,
      String messageId,
      byte[] ciphertextHash)
      throws InvalidKeyException {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(Format.AUTHENTICATOR_LABEL);
    lp(m, envelope.keyId);
    lp(m, envelope.sender);
    lp(m, recipient);
    lp(m, messageId);
    m.writeBytes(envelope.coreHash);
    m.writeBytes(ciphertextHash);
    return hmac(pairwiseKey, m.toByteArray());
  }

  private static void lp(ByteArrayOutputStream m, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    m.write(b.length >>> 8);
    m.write(b.length);
    m.writeBytes(b);
  }

  static byte[] hmac(byte[] key, byte[] data) throws InvalidKeyException {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 5869 HKDF-SHA256, at most 32 bytes of output. */
  static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length)
      throws InvalidKeyException {
    byte[] prk = hmac(salt, ikm);
    try {
      byte[] t = hmac(prk, concat(info, new byte[] {1}));
      return Arrays.copyOf(t, length);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
