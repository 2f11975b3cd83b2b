package org.kdcmail.qrng.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kdcmail.qrng.bank.BankFixture.builder;
import static org.kdcmail.qrng.bank.BankFixture.prefill;
import static org.kdcmail.qrng.bank.BankFixture.withDatabase;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows edited behind the bank's back fail authentication: the take that meets a bad key fails with
 * a {@link KeyBankIntegrityException} naming the key, the key is discarded, and later takes
 * continue.
 */
class KeyBankTamperTest {
  private static final int KEYS = 300;
  private static final int SEALED = BatchCipher.CIPHERTEXT_BYTES;
  @TempDir Path dir;
  private final SwitchableGenerator generator = new SwitchableGenerator();
  private long firstSlot;
  private String firstBatch;
  private int firstSeq;

  @BeforeEach
  void fill() throws SQLException {
    prefill(dir, generator, KEYS);
    withDatabase(
        dir,
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT slot, batch_id, first_seq FROM kb_page ORDER BY slot"
                          + " FETCH FIRST 1 ROWS ONLY");
              ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            firstSlot = rs.getLong(1);
            firstBatch = rs.getString(2);
            firstSeq = rs.getInt(3);
          }
        });
  }

  @Test
  void take_flippedCiphertextBit_failsWithIntegrityErrorThenContinues() throws SQLException {
    editFirstPage(page -> page[5] ^= 0x01);
    assertFirstTakesFailThenRestSucceed(1);
  }

  @Test
  void take_flippedTagBitOfSecondKey_onlyThatKeyFails() throws SQLException {
    editFirstPage(page -> page[2 * SEALED - 1] ^= (byte) 0x80);
    try (StoredKeyBank bank = builder(dir, generator).backgroundRefill(false).open()) {
      assertThat(bank.take().id()).isEqualTo(new KeyId(BatchId.parse(firstBatch), firstSeq));
      assertThatThrownBy(bank::take)
          .isInstanceOf(KeyBankIntegrityException.class)
          .hasMessageContaining("stored key " + firstBatch + "-" + (firstSeq + 1));
      assertThat(bank.take().id().sequence()).isEqualTo(firstSeq + 2);
    }
  }

  @Test
  void take_swappedCiphertextsOfTwoKeys_bothFail() throws SQLException {
    editFirstPage(
        page -> {
          byte[] first = java.util.Arrays.copyOfRange(page, 0, SEALED);
          System.arraycopy(page, SEALED, page, 0, SEALED);
          System.arraycopy(first, 0, page, SEALED, SEALED);
        });
    assertFirstTakesFailThenRestSucceed(2);
  }

  @Test
  void take_batchProvenanceRelabelledQuantum_failsForEveryKeyOfThatBatch() throws SQLException {
    int[] batchKeys = new int[1];
    withDatabase(
        dir,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE kb_batch SET source_kind = 'QUANTUM' WHERE batch_id = ?")) {
            ps.setString(1, firstBatch);
            assertThat(ps.executeUpdate()).isEqualTo(1);
          }
          try (PreparedStatement ps =
              c.prepareStatement("SELECT SUM(key_count) FROM kb_page WHERE batch_id = ?")) {
            ps.setString(1, firstBatch);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              batchKeys[0] = rs.getInt(1);
            }
          }
        });
    assertThat(batchKeys[0]).isPositive();
    try (StoredKeyBank bank = builder(dir, generator).backgroundRefill(false).open()) {
      int failures = 0;
      for (int i = 0; i < KEYS; i++) {
        try {
          assertThat(bank.take().id().batchId().toString()).isNotEqualTo(firstBatch);
        } catch (KeyBankIntegrityException e) {
          assertThat(e).hasMessageContaining(firstBatch);
          failures++;
        }
      }
      assertThat(failures).isEqualTo(batchKeys[0]);
    }
  }

  private void assertFirstTakesFailThenRestSucceed(int tampered) {
    List<KeyId> bad = new ArrayList<>();
    for (int i = 0; i < tampered; i++) {
      bad.add(new KeyId(BatchId.parse(firstBatch), firstSeq + i));
    }
    try (StoredKeyBank bank = builder(dir, generator).backgroundRefill(false).open()) {
      for (KeyId id : bad) {
        assertThatThrownBy(bank::take)
            .isInstanceOf(KeyBankIntegrityException.class)
            .hasMessageContaining("stored key " + id)
            .hasMessageContaining("failed authentication");
      }
      for (int i = tampered; i < KEYS; i++) {
        assertThat(bad).doesNotContain(bank.take().id());
      }
      assertThatThrownBy(bank::take).isInstanceOf(KeyBankUnavailableException.class);
    }
  }

  private void editFirstPage(Consumer<byte[]> edit) throws SQLException {
    withDatabase(
        dir,
        c -> {
          byte[] page;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT sealed_keys FROM kb_page WHERE slot = ?")) {
            ps.setLong(1, firstSlot);
            try (ResultSet rs = ps.executeQuery()) {
              assertThat(rs.next()).isTrue();
              page = rs.getBytes(1);
            }
          }
          edit.accept(page);
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE kb_page SET sealed_keys = ? WHERE slot = ?")) {
            ps.setBytes(1, page);
            ps.setLong(2, firstSlot);
            assertThat(ps.executeUpdate()).isEqualTo(1);
          }
        });
  }
}
