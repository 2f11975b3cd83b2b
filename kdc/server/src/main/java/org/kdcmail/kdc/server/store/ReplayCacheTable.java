package org.kdcmail.kdc.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link ReplayCache} on {@code kdc_replay}. The primary key (request_at_ms, sender, nonce) is the
 * check: the INSERT either succeeds (first sighting) or fails with SQLState 23505 (duplicate);
 * there is no check-then-insert race, also across nodes. The key leads with the request time, so
 * inserts land at the end of the index and the purge walks it from the oldest. A duplicate is
 * always a replay: its time is inside the window, so its first sighting's row has not expired (or
 * expired under a smaller skew set earlier, and is refused too while it is there). Admissions go
 * through the store's group committer ({@link LedgerBatchWriter}, {@link LedgerStatements}), where
 * a duplicate refuses just its own request, not the batch.
 */
final class ReplayCacheTable implements ReplayCache {
  /** Rows deleted per {@link #purgeExpired} call. */
  static final int PURGE_BATCH = 500;

  /** Admissions between two opportunistic purges. */
  static final int PURGE_EVERY = 256;

  private final StoreDatabase db;
  private final GroupCommitter<LedgerWrite, LedgerWrite.Outcome> committer;
  private final Clock clock;

  ReplayCacheTable(
      StoreDatabase db, GroupCommitter<LedgerWrite, LedgerWrite.Outcome> committer, Clock clock) {
    this.db = db;
    this.committer = committer;
    this.clock = clock;
  }

  @Override
  public boolean admit(String sender, byte[] nonce, Instant requestTime, Duration skew) {
    RequestNonce request = new RequestNonce(sender, nonce, requestTime, skew);
    request.requireWithinWindow(clock.millis());
    return committer.submit(LedgerWrite.admit(request)) == LedgerWrite.Outcome.DONE;
  }

  /**
   * The latest request time among the rows present now, or {@link Long#MIN_VALUE} when there are
   * none: a request timed after it cannot be a replay of one admitted before this moment ({@link
   * LocalNonceFilter}). Read from the end of the primary key.
   */
  static long latestRequestTime(StoreDatabase db) {
    return db.inPooledTransaction(
        "read the latest request time in the replay cache",
        c -> {
          try (PreparedStatement st =
                  c.prepareStatement("SELECT MAX(request_at_ms) FROM kdc_replay");
              ResultSet rs = st.executeQuery()) {
            rs.next();
            long latest = rs.getLong(1);
            return rs.wasNull() ? Long.MIN_VALUE : latest;
          }
        });
  }

  @Override
  public boolean probablySeen(RequestNonce request) {
    Objects.requireNonNull(request, "request");
    long now = clock.millis();
    return db.inPooledTransaction(
        "look up a request nonce of '" + request.sender() + "'",
        c -> probablySeen(c, request, now));
  }

  /** {@link #probablySeen(RequestNonce)} inside the caller's transaction. */
  static boolean probablySeen(Connection c, RequestNonce request, long nowMs) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT 1 FROM kdc_replay WHERE request_at_ms = ? AND sender = ? AND nonce = ?"
                + " AND expires_at_ms > ?")) {
      st.setLong(1, request.requestMillis());
      st.setString(2, request.sender());
      st.setBytes(3, request.nonce());
      st.setLong(4, nowMs);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public int purgeExpired(Instant now, Duration skew) {
    return purgeExpired(db, now.toEpochMilli(), skew.toMillis());
  }

  /**
   * Deletes at most {@link #PURGE_BATCH} expired rows, on a pooled connection, reading the primary
   * key from the oldest request time up to {@code nowMs - skewMs}: with that skew, no later row has
   * expired. A row admitted under a longer skew is read there but kept until its own expiry; one
   * admitted under a shorter skew is deleted a little later than it could be.
   */
  static int purgeExpired(StoreDatabase db, long nowMs, long skewMs) {
    return db.inPooledTransaction(
        "purge expired request nonces",
        c -> {
          List<Object[]> expired = new ArrayList<>();
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT request_at_ms, sender, nonce FROM kdc_replay WHERE request_at_ms <= ?"
                      + " AND expires_at_ms <= ? ORDER BY request_at_ms FETCH FIRST "
                      + PURGE_BATCH
                      + " ROWS ONLY")) {
            st.setLong(1, nowMs - skewMs);
            st.setLong(2, nowMs);
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                expired.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getBytes(3)});
              }
            }
          }
          int deleted = 0;
          try (PreparedStatement del =
              c.prepareStatement(
                  "DELETE FROM kdc_replay WHERE request_at_ms = ? AND sender = ? AND nonce = ?"
                      + " AND expires_at_ms <= ?")) {
            for (Object[] row : expired) {
              del.setLong(1, (Long) row[0]);
              del.setString(2, (String) row[1]);
              del.setBytes(3, (byte[]) row[2]);
              del.setLong(4, nowMs);
              deleted += del.executeUpdate();
            }
          }
          return deleted;
        });
  }
}
