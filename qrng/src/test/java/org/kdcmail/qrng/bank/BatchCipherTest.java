package org.kdcmail.qrng.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.kdcmail.qrng.SourceKind;

class BatchCipherTest {
  private static final byte[] SALT = new byte[32];
  private static final BatchId BATCH = new BatchId(0x0102030405060708L, 0x090a0b0c0d0e0f10L);
  private static final KeyProvenance PROVENANCE =
      new KeyProvenance("device:/dev/qrandom0", SourceKind.QUANTUM, BATCH, Instant.ofEpochMilli(1));
  private static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      SALT[i] = (byte) (0xa0 + i);
      KEY[i] = (byte) i;
    }
  }

  private final BatchCipher cipher = new BatchCipher(BankFixture.kek(), SALT, PROVENANCE);

  @Test
  void open_sealedKey_roundTrips() throws Exception {
    byte[] sealed = cipher.seal(7, KEY);
    assertThat(sealed).hasSize(BatchCipher.CIPHERTEXT_BYTES);
    assertThat(cipher.open(7, sealed)).isEqualTo(KeyMaterial.copyOf(KEY));
  }

  @Test
  void open_everyFlippedCiphertextBit_rejects() {
    byte[] sealed = cipher.seal(7, KEY);
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      byte[] copy = sealed.clone();
      copy[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> cipher.open(7, copy))
          .as("bit %d", bit)
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void open_otherSequenceTruncatedOrOtherProvenance_rejects() {
    byte[] sealed = cipher.seal(7, KEY);
    assertThatThrownBy(() -> cipher.open(8, sealed)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> cipher.open(7, java.util.Arrays.copyOf(sealed, 47)))
        .isInstanceOf(GeneralSecurityException.class);
    for (KeyProvenance other :
        new KeyProvenance[] {
          new KeyProvenance(
              "device:/dev/qrandom1", SourceKind.QUANTUM, BATCH, Instant.ofEpochMilli(1)),
          new KeyProvenance(
              "device:/dev/qrandom0", SourceKind.SYSTEM, BATCH, Instant.ofEpochMilli(1)),
          new KeyProvenance(
              "device:/dev/qrandom0", SourceKind.QUANTUM, BATCH, Instant.ofEpochMilli(2)),
          new KeyProvenance(
              "device:/dev/qrandom0",
              SourceKind.QUANTUM,
              new BatchId(1, 2),
              Instant.ofEpochMilli(1))
        }) {
      BatchCipher changed = new BatchCipher(BankFixture.kek(), SALT, other);
      assertThatThrownBy(() -> changed.open(7, sealed))
          .as("%s", other)
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  /** Pins the documented byte layout (docs/key-bank.md) so a format change is deliberate. */
  @Test
  void aadAndNonce_matchDocumentedLayout() {
    assertThat(HexFormat.of().formatHex(BatchCipher.nonce(258)))
        .isEqualTo("000000000000000000000102");
    String aad = HexFormat.of().formatHex(BatchCipher.aad(new KeyId(BATCH, 258), PROVENANCE));
    assertThat(aad)
        .isEqualTo(
            HexFormat.of().formatHex("kdcmail/qrng/bank/v1/key".getBytes())
                + "00"
                + "01"
                + "0102030405060708090a0b0c0d0e0f10"
                + "00000102"
                + "0000000000000001"
                + "07"
                + HexFormat.of().formatHex("QUANTUM".getBytes())
                + "0014"
                + HexFormat.of().formatHex("device:/dev/qrandom0".getBytes()));
  }

  @Test
  void kekCheck_rightKekMatches_wrongKekDoesNot() {
    byte[] sealed = KekCheck.seal(BankFixture.kek(), SALT);
    assertThat(KekCheck.matches(BankFixture.kek(), SALT, sealed)).isTrue();
    byte[] other = BankFixture.KEK_BYTES.clone();
    other[0] ^= (byte) 0x80;
    assertThat(KekCheck.matches(KeyEncryptionKey.copyOf(other), SALT, sealed)).isFalse();
  }
}
