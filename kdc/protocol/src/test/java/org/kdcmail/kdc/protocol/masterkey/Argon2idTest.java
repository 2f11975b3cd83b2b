package org.kdcmail.kdc.protocol.masterkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Argon2idTest {

  private static byte[] filled(int length, int value) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) value);
    return out;
  }

  /** RFC 9106 §5.3: Argon2id, version 0x13. */
  @Test
  void hash_rfc9106Section5_3Vector_matches() {
    byte[] tag =
        Argon2id.hash(
            new Argon2Parameters(32, 3, 4),
            filled(32, 0x01),
            filled(16, 0x02),
            filled(8, 0x03),
            filled(12, 0x04));
    assertThat(HexFormat.of().formatHex(tag))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
  }

  @Test
  void parameters_rfc9106SecondRecommended_is64MiBThreePassesFourLanes() {
    assertThat(Argon2Parameters.RFC9106_SECOND_RECOMMENDED)
        .isEqualTo(new Argon2Parameters(65536, 3, 4));
  }

  @Test
  void parameters_outOfRange_reject() {
    assertThatThrownBy(() -> new Argon2Parameters(31, 3, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory");
    assertThatThrownBy(() -> new Argon2Parameters(Argon2Parameters.MAX_MEMORY_KIB + 1, 3, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Parameters(64, 0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iterations");
    assertThatThrownBy(() -> new Argon2Parameters(64, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism");
    assertThatThrownBy(() -> new Argon2Parameters(8 * 256, 1, 256))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
