package org.kdcmail.kdc.protocol.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FieldElementTest {

  private static byte[] encodingOf(BigInteger value) {
    byte[] magnitude = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(magnitude.length, 32);
    System.arraycopy(magnitude, magnitude.length - copy, out, 32 - copy, copy);
    return out;
  }

  @Test
  void prime_isTwoTo256Minus189_andProbablePrime() {
    assertThat(FieldElement.P).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.valueOf(189)));
    assertThat(FieldElement.P.bitLength()).isEqualTo(256);
    assertThat(FieldElement.P.isProbablePrime(100)).isTrue();
  }

  @Test
  void decode_pMinusOne_roundTrips() {
    byte[] encoded = encodingOf(FieldElement.P.subtract(BigInteger.ONE));
    FieldElement element = FieldElement.decode(encoded);
    assertThat(element.toBigInteger()).isEqualTo(FieldElement.P.subtract(BigInteger.ONE));
    assertThat(element.encode()).isEqualTo(encoded);
  }

  @Test
  void decode_p_rejects() {
    assertThatThrownBy(() -> FieldElement.decode(encodingOf(FieldElement.P)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not below p");
  }

  @Test
  void decode_allOnes_rejects() {
    byte[] allOnes = new byte[32];
    Arrays.fill(allOnes, (byte) 0xff);
    assertThatThrownBy(() -> FieldElement.decode(allOnes))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_wrongLength_rejects() {
    assertThatThrownBy(() -> FieldElement.decode(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> FieldElement.decode(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_zero_isZero() {
    assertThat(FieldElement.decode(new byte[32]).isZero()).isTrue();
  }

  @Test
  void of_outOfRange_rejects() {
    assertThatThrownBy(() -> FieldElement.of(FieldElement.P))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldElement.of(BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reduce_allOnes_isTwoTo256ModP() {
    byte[] allOnes = new byte[32];
    Arrays.fill(allOnes, (byte) 0xff);
    assertThat(FieldElement.reduce(allOnes).toBigInteger()).isEqualTo(BigInteger.valueOf(188));
  }

  @Test
  void toString_neverPrintsValue() {
    assertThat(FieldElement.of(BigInteger.valueOf(12345)).toString()).doesNotContain("12345");
  }
}
