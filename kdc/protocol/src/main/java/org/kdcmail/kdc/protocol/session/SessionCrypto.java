package org.kdcmail.kdc.protocol.session;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.secrets.AesGcmCiphers;

/**
 * Subkeys and AES-256-GCM for session messages. A sealed box is {@code nonce (12) ‖ ciphertext ‖
 * tag (16)} with a fresh random nonce. Every long-lived key is first expanded per message kind:
 * {@code HKDF-SHA256(IKM = key, salt = empty, info = label)}, so no AES key ever seals two kinds.
 */
public final class SessionCrypto {

  /** GCM nonce length. */
  public static final int NONCE_BYTES = 12;

  /** GCM tag length. */
  public static final int TAG_BYTES = 16;

  private SessionCrypto() {}

  /** The 32-byte subkey for {@code label} of a master key; the caller zeroizes it. */
  static byte[] subkey(MasterKey key, byte[] label) {
    byte[] ikm = key.copyBytes();
    try {
      return hkdf(ikm, label);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /** Seals {@code plain} under the {@code label} subkey of {@code mk}, zeroizing the subkey. */
  static byte[] sealUnder(
      MasterKey mk, byte[] label, SessionRandom random, byte[] plain, byte[] aad) {
    byte[] key = subkey(mk, label);
    try {
      return seal(key, random, plain, aad);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Opens a box sealed by {@link #sealUnder}, zeroizing the subkey.
   *
   * @throws SessionException {@link SessionException#REJECTED} on any failure
   */
  static byte[] openUnder(MasterKey mk, byte[] label, byte[] box, byte[] aad)
      throws SessionException {
    byte[] key = subkey(mk, label);
    try {
      return open(key, box, aad);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** HKDF-SHA256 with empty salt, 32 bytes. */
  public static byte[] hkdf(byte[] ikm, byte[] label) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    g.init(new HKDFParameters(ikm, new byte[0], label));
    byte[] out = new byte[SessionProtocol.KEY_BYTES];
    g.generateBytes(out, 0, out.length);
    return out;
  }

  /** AAD = version ‖ type ‖ u8 len ‖ label ‖ LP16(id) for each id ‖ [u8 len ‖ key id]. */
  public static byte[] aad(
      SessionMessageType type, byte[] label, SessionKeyId keyId, String... identities) {
    SessionWire.Writer w = new SessionWire.Writer(type).u8(label.length).bytes(label);
    for (String id : identities) {
      w.identity(id);
    }
    if (keyId != null) {
      w.keyId(keyId);
    }
    return w.toByteArray();
  }

  /**
   * Seals {@code plaintext} under {@code key} (32 bytes) with a fresh nonce from {@code random}.
   */
  public static byte[] seal(byte[] key, SessionRandom random, byte[] plaintext, byte[] aad) {
    byte[] nonce = random.next(NONCE_BYTES);
    try {
      Cipher c = gcm(Cipher.ENCRYPT_MODE, key, nonce, aad);
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + c.getOutputSize(plaintext.length));
      c.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM unavailable", e);
    }
  }

  /**
   * Opens a sealed box.
   *
   * @throws SessionException {@link SessionException#REJECTED} on any failure
   */
  public static byte[] open(byte[] key, byte[] box, byte[] aad) throws SessionException {
    if (box.length < NONCE_BYTES + TAG_BYTES) {
      throw SessionException.rejected();
    }
    try {
      Cipher c = gcm(Cipher.DECRYPT_MODE, key, Arrays.copyOf(box, NONCE_BYTES), aad);
      return c.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw SessionException.rejected();
    }
  }

  private static Cipher gcm(int mode, byte[] key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    Cipher c =
        AesGcmCiphers.initialized(
            mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(8 * TAG_BYTES, nonce));
    c.updateAAD(aad);
    return c;
  }
}
