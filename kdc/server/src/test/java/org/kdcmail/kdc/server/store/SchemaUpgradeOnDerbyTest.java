package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.TestRandom;

/**
 * A database written by a KDC at schema 4 — recipients in {@code kdc_issuance_recipient}, the
 * replay cache keyed by (sender, nonce) — opened by this version: the migrations to schema 6 keep
 * every issuance readable and every remembered request refused.
 */
class SchemaUpgradeOnDerbyTest {
  private static final Duration SKEW = Duration.ofMinutes(5);

  @TempDir Path dataDir;

  private final SecureRandom random = new SecureRandom();

  @Test
  void schema4Rows_afterUpgrade_issuancesReadAndReplaysRefused() throws Exception {
    KdcKek kek = TestRandom.kek();
    LedgerFixture.SettableClock clock = new LedgerFixture.SettableClock(LedgerFixture.T0);
    long t = LedgerFixture.T0.toEpochMilli();
    byte[] sessionKey = bytes(32);
    byte[] bobKey = bytes(32);
    byte[] nonce = bytes(16);
    IssuanceSeals seals = new IssuanceSeals(kek);

    String url = "jdbc:derby:" + dataDir.toAbsolutePath().resolve("db");
    Flyway.configure()
        .dataSource(url + ";create=true", null, null)
        .locations("classpath:db/migration/derby")
        .target("4")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url)) {
      insert(
          c,
          "INSERT INTO kdc_issuance (key_id, sender, issued_at_ms, not_after_ms, source_id,"
              + " source_kind, batch_id, state, key_format, sealed_session_key)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "old-key",
          "alice",
          t,
          t + Duration.ofDays(30).toMillis(),
          "device:/dev/qrandom0",
          "quantum",
          "00112233445566778899aabbccddeeff",
          "ISSUED",
          RowSeals.FORMAT_VERSION,
          seals.sealSessionKey("old-key", "alice", sessionKey));
      insert(
          c,
          "INSERT INTO kdc_issuance_recipient (key_id, recipient, sealed_pairwise_key)"
              + " VALUES (?, ?, ?)",
          "old-key",
          "bob",
          seals.sealPairwiseKey("old-key", "alice", "bob", bobKey));
      insert(
          c,
          "INSERT INTO kdc_replay (sender, nonce, request_at_ms, expires_at_ms, seen_at_ms)"
              + " VALUES (?, ?, ?, ?, ?)",
          "alice",
          nonce,
          t,
          t + SKEW.toMillis(),
          t);
    }
    shutDown(url);

    try (KdcStore store = KdcStore.open(DatabaseLocation.derby(dataDir), kek, clock)) {
      IssuanceLedger issuances = store.issuances();
      assertThat(issuances.find("old-key").orElseThrow().recipients()).containsExactly("bob");
      assertThat(issuances.isRecipient("old-key", "bob")).isTrue();
      assertThat(issuances.isRecipient("old-key", "carol")).isFalse();
      assertThat(issuances.openPairwiseKey("old-key", "bob").orElseThrow().copyBytes())
          .isEqualTo(bobKey);
      assertThat(issuances.openSessionKey("old-key").orElseThrow().copyBytes())
          .isEqualTo(sessionKey);

      clock.advance(Duration.ofSeconds(10));
      assertThat(store.replayCache().admit("alice", nonce, LedgerFixture.T0, SKEW))
          .as("the copy of a request admitted before the upgrade")
          .isFalse();
      clock.advance(SKEW);
      assertThat(store.replayCache().purgeExpired(clock.instant(), SKEW)).isEqualTo(1);
    }
  }

  @Test
  void schemaOfANewerKdcmail_refusedWithAMessage() throws Exception {
    KdcKek kek = TestRandom.kek();
    LedgerFixture.SettableClock clock = new LedgerFixture.SettableClock(LedgerFixture.T0);
    KdcStore.open(DatabaseLocation.derby(dataDir), kek, clock).close();
    String url = "jdbc:derby:" + dataDir.toAbsolutePath().resolve("db");
    try (Connection c = DriverManager.getConnection(url)) {
      insert(
          c,
          "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
              + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\","
              + " \"installed_on\", \"execution_time\", \"success\")"
              + " VALUES (99, '99', 'from a newer kdcmail', 'SQL', 'V99__newer.sql', 0, 'test',"
              + " CURRENT_TIMESTAMP, 0, TRUE)");
    }
    shutDown(url);

    assertThatThrownBy(() -> KdcStore.open(DatabaseLocation.derby(dataDir), kek, clock))
        .isInstanceOf(KdcStoreException.class)
        .hasMessageContaining("written by a newer kdcmail");
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static void insert(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        st.setObject(i + 1, values[i]);
      }
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  private static void shutDown(String url) {
    try {
      DriverManager.getConnection(url + ";shutdown=true");
    } catch (SQLException expected) {
      assertThat(expected.getSQLState()).isEqualTo("08006");
    }
  }
}
