package org.kdcmail.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesGcmCiphersTest {
  private static final SecretKeySpec KEY_A = new SecretKeySpec(new byte[32], "AES");
  private static final SecretKeySpec KEY_B = new SecretKeySpec(filled(32, 7), "AES");
  private static final byte[] PLAIN = "session key bytes".getBytes(StandardCharsets.US_ASCII);

  @Test
  void initialized_reusesThisThreadsCipherAcrossKeysAndModes() throws Exception {
    Cipher first = AesGcmCiphers.initialized(Cipher.ENCRYPT_MODE, KEY_A, nonce(1));
    byte[] sealed = first.doFinal(PLAIN);
    Cipher second = AesGcmCiphers.initialized(Cipher.DECRYPT_MODE, KEY_A, nonce(1));

    assertThat(second).isSameAs(first);
    assertThat(second.doFinal(sealed)).isEqualTo(PLAIN);
    assertThat(AesGcmCiphers.initialized(Cipher.ENCRYPT_MODE, KEY_B, nonce(1))).isSameAs(first);
  }

  @Test
  void initialized_otherThread_getsItsOwnCipher() throws Exception {
    Cipher mine = AesGcmCiphers.initialized(Cipher.ENCRYPT_MODE, KEY_A, nonce(2));
    AtomicReference<Cipher> theirs = new AtomicReference<>();
    Thread other =
        new Thread(
            () -> {
              try {
                theirs.set(AesGcmCiphers.initialized(Cipher.ENCRYPT_MODE, KEY_A, nonce(3)));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    other.start();
    other.join();

    assertThat(theirs.get()).isNotNull().isNotSameAs(mine);
  }

  @Test
  void initialized_sameKeyAndNonceEncryptedAgain_freshCipherSameCiphertext() throws Exception {
    byte[] once = AesGcmCiphers.initialized(Cipher.ENCRYPT_MODE, KEY_A, nonce(4)).doFinal(PLAIN);
    byte[] again = AesGcmCiphers.initialized(Cipher.ENCRYPT_MODE, KEY_A, nonce(4)).doFinal(PLAIN);

    assertThat(again).isEqualTo(once);
  }

  @Test
  void initialized_afterFailedOpen_stillWorks() throws Exception {
    byte[] sealed = AesGcmCiphers.initialized(Cipher.ENCRYPT_MODE, KEY_A, nonce(5)).doFinal(PLAIN);
    sealed[0] ^= 1;
    Cipher tampered = AesGcmCiphers.initialized(Cipher.DECRYPT_MODE, KEY_A, nonce(5));
    assertThatThrownBy(() -> tampered.doFinal(sealed)).isInstanceOf(AEADBadTagException.class);
    sealed[0] ^= 1;

    assertThat(AesGcmCiphers.initialized(Cipher.DECRYPT_MODE, KEY_A, nonce(5)).doFinal(sealed))
        .isEqualTo(PLAIN);
  }

  private static GCMParameterSpec nonce(int n) {
    byte[] iv = new byte[12];
    iv[11] = (byte) n;
    return new GCMParameterSpec(128, iv);
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
