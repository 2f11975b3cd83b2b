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
 * {@link ReplayCache} on {@code kdc_replay}. The primary key (sender, nonce) is the check: the
 * INSERT either succeeds (first sighting) or fails with SQLState 23505 (duplicate); there is no
 * check-then-insert race, also across nodes. A duplicate whose row has already expired is taken
 * over by a conditional UPDATE (so purge timing never matters). Admissions go through the store's
 * group committer ({@link LedgerBatchWriter}, {@link LedgerStatements}), where a duplicate refuses
 * just its own request, not the batch.
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
   * The latest expiry among the rows present now, or {@link Long#MIN_VALUE} when there are none: a
   * pair admitted before this moment is forgotten by then ({@link LocalNonceFilter}).
   */
  static long latestExpiry(StoreDatabase db) {
    return db.inPooledTransaction(
        "read the latest request-nonce expiry",
        c -> {
          try (PreparedStatement st =
                  c.prepareStatement("SELECT MAX(expires_at_ms) FROM kdc_replay");
              ResultSet rs = st.executeQuery()) {
            rs.next();
            long latest = rs.getLong(1);
            return rs.wasNull() ? Long.MIN_VALUE : latest;
          }
        });
  }

  @Override
  public boolean probablySeen(String sender, byte[] nonce) {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(nonce, "nonce");
    long now = clock.millis();
    return db.inPooledTransaction(
        "look up a request nonce of '" + sender + "'", c -> probablySeen(c, sender, nonce, now));
  }

  /** {@link #probablySeen(String, byte[])} inside the caller's transaction. */
  static boolean probablySeen(Connection c, String sender, byte[] nonce, long nowMs)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT 1 FROM kdc_replay WHERE sender = ? AND nonce = ? AND expires_at_ms > ?")) {
      st.setString(1, sender);
      st.setBytes(2, nonce);
      st.setLong(3, nowMs);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public int purgeExpired(Instant now) {
    return purgeExpired(db, now.toEpochMilli());
  }

  /** Deletes at most {@link #PURGE_BATCH} expired rows, on a pooled connection. */
  static int purgeExpired(StoreDatabase db, long nowMs) {
    return db.inPooledTransaction(
        "purge expired request nonces",
        c -> {
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
          return deleted;
        });
  }
}
