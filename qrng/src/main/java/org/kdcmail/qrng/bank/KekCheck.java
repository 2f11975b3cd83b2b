package org.kdcmail.qrng.bank;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The KEK check value stored at bank creation: the known label {@code "kdcmail key bank KEK check"}
 * sealed with AES-256-GCM under {@code HKDF-SHA256(KEK, check salt,
 * "kdcmail/qrng/bank/v1/kek-check")} with a zero nonce (the derived key is used for this one
 * message only) and the info string as AAD. Opening it with a different KEK fails authentication,
 * so a wrong KEK is reported at open instead of yielding garbage keys.
 */
final class KekCheck {
  private static final byte[] INFO = BatchCipher.ascii("kdcmail/qrng/bank/v1/kek-check");
  private static final byte[] LABEL = BatchCipher.ascii("kdcmail key bank KEK check");

  private KekCheck() {}

  static byte[] seal(KeyEncryptionKey kek, byte[] salt) {
    try {
      return cipher(Cipher.ENCRYPT_MODE, kek, salt).doFinal(LABEL);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
    }
  }

  static boolean matches(KeyEncryptionKey kek, byte[] salt, byte[] sealed) {
    try {
      return Arrays.equals(cipher(Cipher.DECRYPT_MODE, kek, salt).doFinal(sealed), LABEL);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Cipher cipher(int mode, KeyEncryptionKey kek, byte[] salt)
      throws GeneralSecurityException {
    byte[] key = BatchCipher.hkdf(kek, salt, INFO);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          mode,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(BatchCipher.TAG_BITS, new byte[12]));
      cipher.updateAAD(INFO);
      return cipher;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
