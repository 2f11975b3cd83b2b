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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows edited behind the bank's back fail authentication: the take that meets one fails with a
 * {@link KeyBankIntegrityException} naming the key, the row is discarded, and later takes continue.
 */
class KeyBankTamperTest {
  private static final int KEYS = 300;
  @TempDir Path dir;
  private final SwitchableGenerator generator = new SwitchableGenerator();

  @BeforeEach
  void fill() {
    prefill(dir, generator, KEYS);
  }

  @Test
  void take_flippedCiphertextBit_failsWithIntegrityErrorThenContinues() throws SQLException {
    List<String> first = firstRows(1);
    withDatabase(
        dir,
        c -> {
          byte[] ct = ciphertextOf(c, first.get(0));
          ct[5] ^= 0x01;
          setCiphertext(c, first.get(0), ct);
        });
    assertFirstTakesFailThenRestSucceed(1);
  }

  @Test
  void take_swappedCiphertextsOfTwoRows_bothFail() throws SQLException {
    List<String> rows = firstRows(2);
    withDatabase(
        dir,
        c -> {
          byte[] a = ciphertextOf(c, rows.get(0));
          byte[] b = ciphertextOf(c, rows.get(1));
          setCiphertext(c, rows.get(0), b);
          setCiphertext(c, rows.get(1), a);
        });
    assertFirstTakesFailThenRestSucceed(2);
  }

  @Test
  void take_batchProvenanceRelabelledQuantum_failsForEveryKeyOfThatBatch() throws SQLException {
    String batch = firstRows(1).get(0).split(":")[0];
    int[] batchKeys = new int[1];
    withDatabase(
        dir,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE kb_batch SET source_kind = 'QUANTUM' WHERE batch_id = ?")) {
            ps.setString(1, batch);
            assertThat(ps.executeUpdate()).isEqualTo(1);
          }
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM kb_key WHERE batch_id = ?")) {
            ps.setString(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              batchKeys[0] = rs.getInt(1);
            }
          }
        });
    assertThat(batchKeys[0]).isPositive();
    try (DerbyKeyBank bank = builder(dir, generator).backgroundRefill(false).open()) {
      int failures = 0;
      for (int i = 0; i < KEYS; i++) {
        try {
          BankKey key = bank.take();
          assertThat(key.id().batchId().toString()).isNotEqualTo(batch);
        } catch (KeyBankIntegrityException e) {
          assertThat(e).hasMessageContaining(batch);
          failures++;
        }
      }
      assertThat(failures).isEqualTo(batchKeys[0]);
    }
  }

  private void assertFirstTakesFailThenRestSucceed(int tampered) {
    List<String> ids = firstRows(tampered);
    try (DerbyKeyBank bank = builder(dir, generator).backgroundRefill(false).open()) {
      for (int i = 0; i < tampered; i++) {
        String expectedId = ids.get(i).replace(':', '-');
        assertThatThrownBy(bank::take)
            .isInstanceOf(KeyBankIntegrityException.class)
            .hasMessageContaining("stored key " + expectedId)
            .hasMessageContaining("failed authentication");
      }
      for (int i = tampered; i < KEYS; i++) {
        assertThat(ids).doesNotContain(bank.take().id().toString().replace('-', ':'));
      }
      assertThatThrownBy(bank::take).isInstanceOf(KeyBankUnavailableException.class);
    }
  }

  /** "batch:seq" of the {@code n} rows the bank takes first (lowest slots). */
  private List<String> firstRows(int n) {
    List<String> rows = new ArrayList<>();
    try {
      withDatabase(
          dir,
          c -> {
            try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT batch_id, seq FROM kb_key ORDER BY slot FETCH FIRST "
                            + n
                            + " ROWS ONLY");
                ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getInt(2));
              }
            }
          });
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return rows;
  }

  private static byte[] ciphertextOf(java.sql.Connection c, String row) throws SQLException {
    String[] parts = row.split(":");
    try (PreparedStatement ps =
        c.prepareStatement("SELECT ciphertext FROM kb_key WHERE batch_id = ? AND seq = ?")) {
      ps.setString(1, parts[0]);
      ps.setInt(2, Integer.parseInt(parts[1]));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  private static void setCiphertext(java.sql.Connection c, String row, byte[] ct)
      throws SQLException {
    String[] parts = row.split(":");
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE kb_key SET ciphertext = ? WHERE batch_id = ? AND seq = ?")) {
      ps.setBytes(1, ct);
      ps.setString(2, parts[0]);
      ps.setInt(3, Integer.parseInt(parts[1]));
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
