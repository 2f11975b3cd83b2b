package org.kdcmail.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretKey256Test {

  private static final class KeyA extends SecretKey256 {
    KeyA(byte[] bytes) {
      super(SecretBytes.copyOf(bytes), "key A");
    }

    byte[] bytes() {
      return secretBytes();
    }
  }

  private static final class KeyB extends SecretKey256 {
    KeyB(byte[] bytes) {
      super(SecretBytes.copyOf(bytes), "key B");
    }
  }

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  @Test
  void constructor_wrongLength_namesTheKey() {
    assertThatThrownBy(() -> new KeyA(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key A must be 32 bytes, got 31");
  }

  @Test
  void equals_sameClassSameBytesOnly() {
    assertThat(new KeyA(filled(7))).isEqualTo(new KeyA(filled(7)));
    assertThat(new KeyA(filled(7))).isNotEqualTo(new KeyA(filled(8)));
    assertThat(new KeyA(filled(7))).isNotEqualTo(new KeyB(filled(7)));
  }

  @Test
  void toString_showsNoByte() {
    KeyA key = new KeyA(filled(0xAB));
    assertThat(key.toString()).isEqualTo("KeyA[256 bits, redacted]").doesNotContain("ab");
    key.destroy();
    assertThat(key.toString()).endsWith("destroyed]");
  }

  @Test
  void destroy_zeroizesAndRefusesAccess() {
    KeyA key = new KeyA(filled(1));
    assertThat(key.bytes()).containsOnly(1);
    key.destroy();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(key::bytes).isInstanceOf(IllegalStateException.class);
  }
}
