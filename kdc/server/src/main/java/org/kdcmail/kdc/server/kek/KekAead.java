package org.kdcmail.kdc.server.kek;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.kdcmail.secrets.AesGcmCiphers;

/**
 * AES-256-GCM under one KEK-derived key. {@link #seal} picks a random 96-bit nonce itself and
 * returns {@code nonce (12) || ciphertext || tag (16)}; {@link #open} authenticates it against the
 * same associated data. Random nonces are safe here: each derived key seals at most a few rows per
 * user, far below the 2^32 messages per key that GCM allows with random nonces.
 */
public final class KekAead {
  /** Nonce length. */
  public static final int NONCE_BYTES = 12;

  /** Tag length. */
  public static final int TAG_BYTES = 16;

  /** Bytes {@link #seal} adds to the plaintext. */
  public static final int OVERHEAD_BYTES = NONCE_BYTES + TAG_BYTES;

  private static final SecureRandom NONCES = new SecureRandom();

  private final SecretKeySpec key;

  KekAead(byte[] derivedKey) {
    this.key = new SecretKeySpec(derivedKey, "AES");
    Arrays.fill(derivedKey, (byte) 0);
  }

  /** Encrypts and authenticates {@code plaintext}, binding {@code aad}. */
  public byte[] seal(byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_BYTES];
    NONCES.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, aad);
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + cipher.getOutputSize(plaintext.length));
      cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
    }
  }

  /**
   * Authenticates and decrypts.
   *
   * @throws GeneralSecurityException when {@code sealed} or {@code aad} was changed, or another key
   *     sealed it (one generic message)
   */
  public byte[] open(byte[] sealed, byte[] aad) throws GeneralSecurityException {
    if (sealed.length < OVERHEAD_BYTES) {
      throw new AEADBadTagException("sealed value failed authentication");
    }
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), aad);
    try {
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new AEADBadTagException("sealed value failed authentication");
    }
  }

  private Cipher cipher(int mode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
    Cipher cipher =
        AesGcmCiphers.initialized(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }
}
