package org.kdcmail.kdc.server.store;

import java.util.Optional;
import org.kdcmail.secrets.SecretBytes;

/**
 * The durable record of every session key the KDC issued: who sent, who may fetch a ticket, where
 * the key came from, whether it was revoked, and the keys themselves sealed under the KEK (never in
 * clear) so a recipient can fetch its ticket again. Every write is committed together with its
 * audit entry before the method returns.
 */
public interface IssuanceLedger {
  /**
   * Records the issuance and appends its {@code issuance} audit entry in one transaction.
   *
   * @throws DuplicateKeyIdException when the key id was recorded before (nothing is written)
   */
  void record(Issuance issuance);

  /**
   * Admits the request's (time, sender, nonce) into the replay cache and, only if it is new,
   * records the issuance and its {@code issuance} audit entry — all in one transaction,
   * group-committed with concurrent requests and durable before this returns. A replay records
   * nothing but a {@code replay_refused} audit entry.
   *
   * @return true when recorded, false when the nonce was seen before (a replay)
   * @throws IllegalArgumentException when {@code requestTime + skew} has already passed
   * @throws DuplicateKeyIdException when the key id was recorded before (the nonce is consumed)
   * @throws KdcStoreException when the batch could not be committed (nothing written; retryable)
   */
  boolean recordIfNew(RequestNonce request, Issuance issuance);

  /** The issuance with this key id, if recorded. */
  Optional<IssuanceRecord> find(String keyId);

  /** True when {@code user} is a recipient of key {@code keyId}. */
  boolean isRecipient(String keyId, String user);

  /**
   * K_S, unsealed; the caller destroys it. Empty when the key id is unknown or REVOKED.
   *
   * @throws KdcStoreIntegrityException when the sealed key fails authentication
   */
  Optional<SecretBytes> openSessionKey(String keyId);

  /**
   * The recipient's K_ABi, unsealed; the caller destroys it. Empty when the key id is unknown or
   * REVOKED, or {@code recipient} is not one of its recipients.
   *
   * @throws KdcStoreIntegrityException when the sealed key fails authentication
   */
  Optional<SecretBytes> openPairwiseKey(String keyId, String recipient);

  /**
   * Revokes one key and audits it ({@code revoke}, by {@code actor}).
   *
   * @return true if it was ISSUED, false if unknown or already revoked
   */
  boolean revokeKey(String keyId, String actor);

  /**
   * Revokes every ISSUED key of a QRNG batch and audits it once.
   *
   * @return the number of keys revoked now
   */
  int revokeBatch(String batchId, String actor);

  /** True when the key is known and REVOKED. */
  boolean isRevoked(String keyId);
}
