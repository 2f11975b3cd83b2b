package org.kdcmail.kdc.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ReplayCache} on {@code kdc_replay}. The primary key (sender, nonce) is the check: the
 * INSERT either succeeds (first sighting) or fails with SQLState 23505 (duplicate); there is no
 * check-then-insert race, also across nodes. The INSERT runs under a savepoint, so the duplicate
 * failure does not abort the transaction (PostgreSQL would otherwise). A duplicate whose row has
 * already expired is taken over by a conditional UPDATE (so purge timing never matters).
 */
final class ReplayCacheTable implements ReplayCache {
  /** Rows deleted per {@link #purgeExpired} call. */
  static final int PURGE_BATCH = 500;

  /** Admissions between two opportunistic purges. */
  static final int PURGE_EVERY = 256;

  private static final String DUPLICATE_KEY = "23505";
  private static final int MAX_SENDER_CHARS = 320;

  private final StoreDatabase db;
  private final AuditLogTable audit;
  private final Clock clock;
  private final AtomicLong admissions = new AtomicLong();

  ReplayCacheTable(StoreDatabase db, AuditLogTable audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public boolean admit(String sender, byte[] nonce, Instant requestTime, Duration skew) {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(requestTime, "requestTime");
    Objects.requireNonNull(skew, "skew");
    if (sender.isBlank() || sender.length() > MAX_SENDER_CHARS) {
      throw new IllegalArgumentException("sender must be 1..320 characters and not blank");
    }
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes");
    }
    if (skew.isNegative()) {
      throw new IllegalArgumentException("skew must not be negative");
    }
    long now = clock.millis();
    long expires = requestTime.plus(skew).toEpochMilli();
    if (expires <= now) {
      throw new IllegalArgumentException(
          "request time is older than the allowed skew: refuse it as clock skew before admit()");
    }
    boolean admitted;
    synchronized (db) {
      Connection c = db.connection();
      try {
        admitted =
            insertOrTakeOver(c, sender, nonce.clone(), requestTime.toEpochMilli(), expires, now);
        if (!admitted) {
          audit.append(
              c,
              AuditType.REPLAY_REFUSED,
              sender,
              HexFormat.of().formatHex(nonce),
              "request_time_ms=" + requestTime.toEpochMilli());
        }
        c.commit();
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("record a request nonce of '" + sender + "'", e);
      }
    }
    if (admitted && admissions.incrementAndGet() % PURGE_EVERY == 0) {
      purgeExpired(Instant.ofEpochMilli(now));
    }
    return admitted;
  }

  private static boolean insertOrTakeOver(
      Connection c, String sender, byte[] nonce, long requestMs, long expiresMs, long nowMs)
      throws SQLException {
    Savepoint before = c.setSavepoint();
    try {
      KdcStore.update(
          c,
          "INSERT INTO kdc_replay (sender, nonce, request_at_ms, expires_at_ms, seen_at_ms)"
              + " VALUES (?, ?, ?, ?, ?)",
          sender,
          nonce,
          requestMs,
          expiresMs,
          nowMs);
      c.releaseSavepoint(before);
      return true;
    } catch (SQLException e) {
      if (!DUPLICATE_KEY.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
    }
    // Seen before: a replay unless that sighting has expired (not purged yet).
    return KdcStore.update(
            c,
            "UPDATE kdc_replay SET request_at_ms = ?, expires_at_ms = ?, seen_at_ms = ?"
                + " WHERE sender = ? AND nonce = ? AND expires_at_ms <= ?",
            requestMs,
            expiresMs,
            nowMs,
            sender,
            nonce,
            nowMs)
        == 1;
  }

  @Override
  public int purgeExpired(Instant now) {
    long nowMs = now.toEpochMilli();
    synchronized (db) {
      Connection c = db.connection();
      try {
        List<Object[]> expired = new ArrayList<>();
        try (PreparedStatement st =
            c.prepareStatement(
                "SELECT sender, nonce FROM kdc_replay WHERE expires_at_ms <= ?"
                    + " ORDER BY expires_at_ms FETCH FIRST "
                    + PURGE_BATCH
                    + " ROWS ONLY")) {
          st.setLong(1, nowMs);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              expired.add(new Object[] {rs.getString(1), rs.getBytes(2)});
            }
          }
        }
        int deleted = 0;
        try (PreparedStatement del =
            c.prepareStatement(
                "DELETE FROM kdc_replay WHERE sender = ? AND nonce = ? AND expires_at_ms <= ?")) {
          for (Object[] row : expired) {
            del.setString(1, (String) row[0]);
            del.setBytes(2, (byte[]) row[1]);
            del.setLong(3, nowMs);
            deleted += del.executeUpdate();
          }
        }
        c.commit();
        return deleted;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("purge expired request nonces", e);
      }
    }
  }
}
