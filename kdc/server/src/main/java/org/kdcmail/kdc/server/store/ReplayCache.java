package org.kdcmail.kdc.server.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The KDC's replay cache (RFC 4120 §3.2.3), shared by every KDC node on the database: it remembers
 * each request's (request time, sender, nonce) until that time plus the allowed clock skew has
 * passed; a replay carries its original's authenticated time, so it is the same triple. Check the
 * skew first; then {@link #admit} (or {@link IssuanceLedger#recordIfNew}, which admits and records
 * in one transaction) decides. Durable: an admission is committed before {@code admit} returns, so
 * a restarted KDC (even after {@code kill -9}) still refuses the replay. Admissions of concurrent
 * requests are group-committed (one transaction and log flush for many).
 */
public interface ReplayCache {
  /** Nonce length. */
  int NONCE_BYTES = 16;

  /**
   * Records the pair, atomically.
   *
   * @return true the first time the pair is seen within its window; false for a replay (which is
   *     also appended to the audit log as {@code replay_refused})
   * @throws IllegalArgumentException when the nonce is not 16 bytes, or {@code requestTime + skew}
   *     has already passed (the caller must refuse such a request as clock skew, not ask the cache)
   * @throws KdcStoreException when the database failed (the request may be retried)
   */
  boolean admit(String sender, byte[] nonce, Instant requestTime, Duration skew);

  /**
   * True when the request's (time, sender, nonce) is in the cache and not expired, read without
   * locking anything: a cheap early refusal before any key is drawn for a replayed request. Not a
   * decision — a pair not seen here can still be refused by {@link #admit} or {@link
   * IssuanceLedger#recordIfNew}, where the primary key decides.
   */
  boolean probablySeen(RequestNonce request);

  /**
   * Deletes expired entries, at most a bounded batch per call (call it periodically, or rely on the
   * opportunistic purge every few hundred admissions).
   *
   * @param skew the allowed clock skew in use: entries timed after {@code now - skew} are not read
   * @return the number of entries deleted
   */
  int purgeExpired(Instant now, Duration skew);
}
