package org.kdcmail.kdc.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.kdcmail.kdc.server.store.LedgerWrite.Outcome;

/**
 * Writes a batch of {@link LedgerWrite}s in one transaction on a pooled connection that it holds
 * from batch to batch, with each statement prepared once ({@link LedgerStatements}, {@link
 * AuditLogTable.Appender}), in three phases: (1) every nonce is inserted into {@code kdc_replay},
 * in (time, sender, nonce) order — the primary key decides, so a duplicate inside the batch or one
 * committed by another node refuses just that item; (2) the issuances of the admitted items are
 * inserted (a duplicate key id refuses just that item); (3) the audit entries ({@code issuance},
 * {@code replay_refused}) are appended in item order with one lock of the audit head. Then one
 * commit: one log flush for the whole batch. Locks are always taken in the same order (replay rows
 * sorted, then issuance rows, then the audit head), so two nodes' batches on one PostgreSQL
 * database cannot deadlock on each other.
 */
final class LedgerBatchWriter implements BatchWriter<LedgerWrite, Outcome> {
  private static final Comparator<RequestNonce> NONCE_ORDER = RequestNonce::compareTo;

  private final StoreDatabase db;
  private final AuditLogTable audit;
  private final Clock clock;
  private final AtomicLong admissions = new AtomicLong();

  /**
   * The skew of the requests admitted last (-1 before the first): the purge reads request times up
   * to now minus it.
   */
  private volatile long purgeSkewMs = -1;

  /**
   * The held connection; guarded by this. The group committer writes one batch at a time, so the
   * lock is uncontended there; other callers (tests) take turns.
   */
  private Session session;

  LedgerBatchWriter(StoreDatabase db, AuditLogTable audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public synchronized List<Outcome> writeAndCommit(List<LedgerWrite> items) {
    long now = clock.millis();
    Session s = null;
    try {
      s = session();
      Outcome[] outcomes = new Outcome[items.size()];
      Arrays.fill(outcomes, Outcome.DONE);
      admitNonces(s.statements(), items, outcomes, now);
      insertIssuances(s.statements(), items, outcomes);
      s.audit().appendAll(auditEntries(items, outcomes));
      s.connection().commit();
      return List.of(outcomes);
    } catch (SQLException | RuntimeException e) {
      if (s != null) {
        StoreDatabase.rollbackQuietly(s.connection());
      }
      closeSession(); // a fresh connection for the next batch: this one may be broken
      if (e instanceof SQLException sql) {
        throw new KdcStoreException(
            db.description()
                + ": cannot commit "
                + items.size()
                + " session-key record(s); nothing of them was written: "
                + sql.getMessage(),
            sql);
      }
      throw (RuntimeException) e;
    }
  }

  /** The held session, opened on first use or after a failure. */
  private Session session() throws SQLException {
    Session s = session;
    if (s == null) {
      s = Session.open(db, audit);
      session = s;
    }
    return s;
  }

  /** Gives the held connection back to the pool (on failure, and when the store closes). */
  synchronized void closeSession() {
    Session s = session;
    session = null;
    if (s != null) {
      s.close();
    }
  }

  /**
   * A pooled connection held across batches, with the ledger's and the audit chain's statements
   * prepared on it once. Used by one batch at a time.
   */
  private record Session(
      Connection connection, LedgerStatements statements, AuditLogTable.Appender audit) {

    static Session open(StoreDatabase db, AuditLogTable auditLog) throws SQLException {
      Connection c = db.pooledConnection();
      LedgerStatements statements = null;
      try {
        statements = new LedgerStatements(c, db.vendor());
        return new Session(c, statements, auditLog.appender(c));
      } catch (SQLException | RuntimeException e) {
        closeQuietly(statements);
        closeQuietly(c);
        throw e;
      }
    }

    void close() {
      closeQuietly(audit);
      closeQuietly(statements);
      closeQuietly(connection);
    }

    private static void closeQuietly(AutoCloseable closeable) {
      if (closeable == null) {
        return;
      }
      try {
        closeable.close();
      } catch (Exception ignored) {
        // giving back a connection that failed: the pool checks it before its next use
      }
    }
  }

  private void admitNonces(
      LedgerStatements statements, List<LedgerWrite> items, Outcome[] outcomes, long now)
      throws SQLException {
    int[] order =
        IntStream.range(0, items.size())
            .filter(i -> items.get(i).nonce().isPresent())
            .boxed()
            .sorted(Comparator.comparing(i -> items.get(i).nonce().get(), NONCE_ORDER))
            .mapToInt(Integer::intValue)
            .toArray();
    for (int i : order) {
      RequestNonce n = items.get(i).nonce().get();
      purgeSkewMs = n.skew().toMillis();
      if (!statements.admitNonce(n, now)) {
        outcomes[i] = Outcome.REPLAY;
      }
    }
  }

  private static void insertIssuances(
      LedgerStatements statements, List<LedgerWrite> items, Outcome[] outcomes)
      throws SQLException {
    for (int i = 0; i < items.size(); i++) {
      if (outcomes[i] == Outcome.DONE && items.get(i).issuance().isPresent()) {
        if (!statements.insertIssuance(items.get(i).issuance().get())) {
          outcomes[i] = Outcome.DUPLICATE_KEY_ID;
        }
      }
    }
  }

  private static List<AuditLogTable.NewEntry> auditEntries(
      List<LedgerWrite> items, Outcome[] outcomes) {
    List<AuditLogTable.NewEntry> entries = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      LedgerWrite item = items.get(i);
      if (outcomes[i] == Outcome.REPLAY) {
        RequestNonce n = item.nonce().get();
        entries.add(
            new AuditLogTable.NewEntry(
                AuditType.REPLAY_REFUSED,
                n.sender(),
                n.nonceHex(),
                "request_time_ms=" + n.requestMillis()));
      } else if (outcomes[i] == Outcome.DONE && item.issuance().isPresent()) {
        SealedIssuance is = item.issuance().get();
        entries.add(
            new AuditLogTable.NewEntry(
                AuditType.ISSUANCE, is.sender(), is.keyId(), is.auditDetail()));
      }
    }
    return entries;
  }

  /** Purges expired replay rows every {@link ReplayCacheTable#PURGE_EVERY} admissions. */
  @Override
  public Optional<Runnable> housekeepingAfter(int items) {
    long before = admissions.getAndAdd(items);
    if (before / ReplayCacheTable.PURGE_EVERY == (before + items) / ReplayCacheTable.PURGE_EVERY) {
      return Optional.empty();
    }
    long skewMs = purgeSkewMs;
    if (skewMs < 0) {
      return Optional.empty(); // no request admitted yet: its skew bounds the purge's read
    }
    return Optional.of(() -> ReplayCacheTable.purgeExpired(db, clock.millis(), skewMs));
  }
}
