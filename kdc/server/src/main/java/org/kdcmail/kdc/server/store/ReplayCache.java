package org.kdcmail.kdc.server.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The KDC's replay cache (RFC 4120 §3.2.3), shared by every KDC node on the database: it remembers
 * each (sender, nonce) pair until its request time plus the allowed clock skew has passed. Check
 * the skew first; then {@link #admit} decides. Durable: an admission is committed before {@code
 * admit} returns, so a restarted KDC (even after {@code kill -9}) still refuses the replay.
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
   */
  boolean admit(String sender, byte[] nonce, Instant requestTime, Duration skew);

  /**
   * Deletes expired pairs, at most a bounded batch per call (call it periodically, or rely on the
   * opportunistic purge every few hundred admissions).
   *
   * @return the number of pairs deleted
   */
  int purgeExpired(Instant now);
}
