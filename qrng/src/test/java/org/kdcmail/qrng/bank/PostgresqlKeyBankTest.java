package org.kdcmail.qrng.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kdcmail.testing.RequiresProgram;
import org.kdcmail.testing.TestPostgres;

/**
 * The key bank contract on a real PostgreSQL server (a throwaway cluster), plus what only a shared
 * database adds: two bank instances — two KDC nodes — taking keys concurrently from one database
 * while both refill, and never handing out the same key id or the same key bytes.
 */
@RequiresProgram(
    value = {"initdb", "pg_ctl"},
    debianPackage = "postgresql")
class PostgresqlKeyBankTest extends KeyBankContract {
  private String url;

  @BeforeEach
  void freshDatabase() {
    url = TestPostgres.shared().newDatabase();
  }

  @Override
  KeyBankBuilder at(KeyBankBuilder builder) {
    return builder.postgresql(url, TestPostgres.USER, null);
  }

  @Test
  void twoNodes_takingConcurrentlyWhileBothRefill_neverShareAKeyIdOrKey() throws Exception {
    int threadsPerNode = 3;
    int perThread = 1_500;
    Set<KeyId> ids = ConcurrentHashMap.newKeySet();
    Set<String> keys = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
    try (StoredKeyBank node1 = bank().lowWaterMark(1_000).highWaterMark(3_000).open();
        StoredKeyBank node2 =
            at(BankFixture.builder(new SwitchableGenerator()))
                .lowWaterMark(1_000)
                .highWaterMark(3_000)
                .open()) {
      List<Future<Integer>> results = new ArrayList<>();
      for (StoredKeyBank node : List.of(node1, node2)) {
        for (int t = 0; t < threadsPerNode; t++) {
          results.add(
              pool.submit(
                  () -> {
                    int duplicates = 0;
                    for (int i = 0; i < perThread; i++) {
                      BankKey key = node.take();
                      duplicates += ids.add(key.id()) ? 0 : 1;
                      duplicates += keys.add(BankFixture.fingerprint(key)) ? 0 : 1;
                    }
                    return duplicates;
                  }));
        }
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ids).hasSize(2 * threadsPerNode * perThread);
    assertThat(keys).hasSize(2 * threadsPerNode * perThread);
  }

  @Test
  void open_besideAKdcStore_migratesWithItsOwnHistoryTable() throws Exception {
    try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, null);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY)");
      st.execute("CREATE TABLE kdc_user (username VARCHAR(320) PRIMARY KEY)");
    }
    try (StoredKeyBank bank = bank().open()) {
      assertThat(bank.take().secret().copyBytes()).hasSize(32);
    }
    try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, null);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version FROM "
                    + PostgresqlBankDatabase.HISTORY_TABLE
                    + " WHERE success AND version = '1'")) {
      assertThat(rs.next()).as("V1 recorded in the bank's own history table").isTrue();
    }
  }

  @Test
  void open_unreachableServer_failsWithStorageErrorWithoutPassword() {
    assertThatThrownBy(
            () ->
                BankFixture.builder(generator)
                    .postgresql("jdbc:postgresql://127.0.0.1:1/kdcmail", "kdc", "s3cret-pw")
                    .open())
        .isInstanceOf(KeyBankStorageException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("s3cret-pw");
  }
}
