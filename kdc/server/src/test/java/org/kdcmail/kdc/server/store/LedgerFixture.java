package org.kdcmail.kdc.server.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.TestRandom;

/** A store on a {@link StoreUnderTest} with a settable clock, and raw JDBC for tamper tests. */
final class LedgerFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  final StoreUnderTest sut;
  final KdcKek kek = TestRandom.kek();
  final SettableClock clock = new SettableClock(T0);
  KdcStore store;

  LedgerFixture(StoreUnderTest sut) {
    this.sut = sut;
    this.store = open();
  }

  /** Opens another store on the same database (a second KDC node). */
  KdcStore open() {
    return KdcStore.open(sut.location(), kek, clock);
  }

  /** Closes and reopens the store (a restart). */
  void restart() {
    store.close();
    store = open();
  }

  /** Runs {@code work} on the database with the store closed (autocommit on), then reopens. */
  void withJdbc(StoreUnderTest.JdbcWork work) throws SQLException {
    store.close();
    sut.withJdbc(work);
    store = open();
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
