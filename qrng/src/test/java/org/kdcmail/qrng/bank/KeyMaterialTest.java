package org.kdcmail.qrng.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {
  private static final byte[] BYTES =
      HexFormat.of().parseHex("aa0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1eff");

  @Test
  void toString_neverShowsBytes() {
    KeyMaterial key = KeyMaterial.copyOf(BYTES);
    assertThat(key.toString()).doesNotContain("aa01").doesNotContain("1eff").contains("256 bits");
    assertThat(BankFixture.kek().toString()).doesNotContain("0001020304").contains("redacted");
  }

  @Test
  void copyOf_isDefensive_andCopyBytesReturnsCopy() {
    byte[] input = BYTES.clone();
    KeyMaterial key = KeyMaterial.copyOf(input);
    input[0] = 0;
    byte[] out = key.copyBytes();
    assertThat(out).isEqualTo(BYTES);
    out[1] = 0;
    assertThat(key.copyBytes()).isEqualTo(BYTES);
  }

  @Test
  void destroy_zeroizesAndBlocksReads() {
    byte[] owned = BYTES.clone();
    KeyMaterial key = KeyMaterial.adopt(owned);
    key.destroy();
    assertThat(owned).containsOnly(0);
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(key::copyBytes).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void equals_comparesBytes() {
    byte[] other = BYTES.clone();
    other[31] ^= 1;
    assertThat(KeyMaterial.copyOf(BYTES)).isEqualTo(KeyMaterial.copyOf(BYTES));
    assertThat(KeyMaterial.copyOf(BYTES)).isNotEqualTo(KeyMaterial.copyOf(other));
  }

  @Test
  void copyOf_wrongLength_rejected() {
    assertThatThrownBy(() -> KeyMaterial.copyOf(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyEncryptionKey.copyOf(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyId_printsAndParsesRoundTrip() {
    KeyId id = new KeyId(new BatchId(-1L, 42L), 1234);
    assertThat(id.toString()).isEqualTo("ffffffffffffffff000000000000002a-1234");
    assertThat(KeyId.parse(id.toString())).isEqualTo(id);
  }
}
