package org.kdcmail.secrets;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * JDK {@code AES/GCM/NoPadding} ciphers, one reused per thread, for code that initializes one, uses
 * it and finishes it ({@code doFinal}) within one call. {@link Cipher#getInstance} searches the
 * provider list every time and costs several times an AES-GCM operation on a short key; reusing the
 * thread's instance removes that from the KDC's per-request work.
 *
 * <p>Every use starts with {@code init} (a key and a nonce), which discards whatever the previous
 * use left. The cipher keeps its last key schedule until the thread's next {@code init}; an
 * instance dropped after one use keeps it until the garbage collector reclaims the memory, so reuse
 * adds no copies of key material.
 */
public final class AesGcmCiphers {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance(TRANSFORMATION);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
            }
          });

  private AesGcmCiphers() {}

  /**
   * A cipher initialized for {@code mode} ({@link Cipher#ENCRYPT_MODE} or {@link
   * Cipher#DECRYPT_MODE}), normally this thread's. Finish with it before anything else on this
   * thread calls this method.
   *
   * <p>The JDK refuses to encrypt on one instance twice in a row under the same key and nonce.
   * Deterministic nonces do that legitimately (the test vectors, a key bank's per-sequence nonce
   * sealed again in a test); such an encryption gets a fresh instance, exactly as before reuse.
   */
  public static Cipher initialized(int mode, Key key, GCMParameterSpec params)
      throws GeneralSecurityException {
    Cipher cipher = CIPHERS.get();
    try {
      cipher.init(mode, key, params);
      return cipher;
    } catch (InvalidAlgorithmParameterException sameKeyAndNonce) {
      if (mode != Cipher.ENCRYPT_MODE) {
        throw sameKeyAndNonce;
      }
      Cipher fresh = Cipher.getInstance(TRANSFORMATION);
      fresh.init(mode, key, params);
      return fresh;
    }
  }
}
