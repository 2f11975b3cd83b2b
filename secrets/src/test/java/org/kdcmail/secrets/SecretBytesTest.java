package org.kdcmail.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
  private static final byte[] BYTES =
      HexFormat.of().parseHex("aa0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1eff");

  @Test
  void toString_neverShowsBytes() {
    SecretBytes secret = SecretBytes.copyOf(BYTES);
    assertThat(secret.toString())
        .isEqualTo("SecretBytes[redacted, 32 bytes]")
        .doesNotContain("aa01")
        .doesNotContain("1eff");
  }

  @Test
  void copyOf_isDefensive_andCopyBytesReturnsCopy() {
    byte[] input = BYTES.clone();
    SecretBytes secret = SecretBytes.copyOf(input);
    input[0] = 0;
    byte[] out = secret.copyBytes();
    assertThat(out).isEqualTo(BYTES);
    out[1] = 0;
    assertThat(secret.copyBytes()).isEqualTo(BYTES);
    assertThat(secret.length()).isEqualTo(32);
  }

  @Test
  void wrap_takesOwnership_destroyZeroizesThatArray() {
    byte[] owned = BYTES.clone();
    SecretBytes secret = SecretBytes.wrap(owned);
    assertThat(secret.copyBytes()).isEqualTo(BYTES);
    secret.destroy();
    assertThat(owned).containsOnly(0);
  }

  @Test
  void destroy_blocksReads_lengthStaysKnown() {
    SecretBytes secret = SecretBytes.copyOf(BYTES);
    assertThat(secret.isDestroyed()).isFalse();
    secret.destroy();
    assertThat(secret.isDestroyed()).isTrue();
    assertThat(secret.length()).isEqualTo(32);
    assertThatThrownBy(secret::copyBytes).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void equalsConstantTime_comparesBytes() {
    byte[] other = BYTES.clone();
    other[31] ^= 1;
    SecretBytes secret = SecretBytes.copyOf(BYTES);
    assertThat(secret.equalsConstantTime(SecretBytes.copyOf(BYTES))).isTrue();
    assertThat(secret.equalsConstantTime(SecretBytes.copyOf(other))).isFalse();
    assertThat(secret.equalsConstantTime(SecretBytes.copyOf(new byte[16]))).isFalse();
    assertThat(secret.equalsConstantTime(null)).isFalse();
  }

  @Test
  void equals_isIdentity() {
    SecretBytes secret = SecretBytes.copyOf(BYTES);
    assertThat(secret).isEqualTo(secret).isNotEqualTo(SecretBytes.copyOf(BYTES));
  }

  @Test
  void null_rejected() {
    assertThatThrownBy(() -> SecretBytes.copyOf(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SecretBytes.wrap(null)).isInstanceOf(NullPointerException.class);
  }
}
