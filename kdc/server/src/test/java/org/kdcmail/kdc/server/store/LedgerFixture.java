package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.TestRandom;

/** A store on disk with a settable clock, and raw JDBC access for tamper tests. */
final class LedgerFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  final Path dataDir;
  final KdcKek kek = TestRandom.kek();
  final SettableClock clock = new SettableClock(T0);
  KdcStore store;

  LedgerFixture(Path dataDir) {
    this.dataDir = dataDir;
    this.store = KdcStore.open(dataDir, kek, clock);
  }

  /** Closes and reopens the store (a restart). */
  void restart() {
    store.close();
    store = KdcStore.open(dataDir, kek, clock);
  }

  interface JdbcWork {
    void run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on the database with the store closed (autocommit on), then reopens. */
  void withJdbc(JdbcWork work) throws SQLException {
    store.close();
    Path db = dataDir.toAbsolutePath().resolve("db");
    try (Connection c = DriverManager.getConnection("jdbc:derby:" + db)) {
      work.run(c);
    }
    try {
      DriverManager.getConnection("jdbc:derby:" + db + ";shutdown=true");
    } catch (SQLException expected) {
      assertThat(expected.getSQLState()).isEqualTo("08006");
    }
    store = KdcStore.open(dataDir, kek, clock);
  }

  @Override
  public void close() {
    store.close();
  }

  static final class SettableClock extends Clock {
    volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
