package org.kdcmail.kdc.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.Map;
import java.util.Optional;

/**
 * The inserts of one group-committed batch ({@link LedgerBatchWriter}), each statement prepared
 * once per batch and reused for every item, on the batch's connection and inside its transaction.
 *
 * <p>A duplicate key (SQLState 23505) refuses one item, never the batch. Derby rolls back just the
 * failed statement and the transaction goes on, so no savepoint is needed there; PostgreSQL aborts
 * the whole transaction on a failed statement, so there each item's inserts run under a savepoint.
 */
final class LedgerStatements implements AutoCloseable {
  private static final String DUPLICATE_KEY = "23505";

  private final Connection c;
  private final boolean savepoints;
  private final StatementSet prepared;
  private final PreparedStatement insertNonce;
  private final PreparedStatement insertIssuance;
  private final PreparedStatement insertRecipient;

  LedgerStatements(Connection c, StoreDatabase.Vendor vendor) throws SQLException {
    this.c = c;
    this.savepoints = vendor == StoreDatabase.Vendor.POSTGRESQL;
    this.prepared = new StatementSet(c);
    try {
      insertNonce =
          prepare(
              "INSERT INTO kdc_replay (sender, nonce, request_at_ms, expires_at_ms, seen_at_ms)"
                  + " VALUES (?, ?, ?, ?, ?)");
      insertIssuance =
          prepare(
              "INSERT INTO kdc_issuance (key_id, sender, issued_at_ms, not_after_ms, source_id,"
                  + " source_kind, batch_id, state, key_format, sealed_session_key, recipients)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insertRecipient =
          prepare(
              "INSERT INTO kdc_issuance_recipient (key_id, recipient, sealed_pairwise_key)"
                  + " VALUES (?, ?, ?)");
    } catch (SQLException e) {
      prepared.closeAfter(e);
      throw e;
    }
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    return prepared.prepare(sql);
  }

  /**
   * Admits the request's (time, sender, nonce).
   *
   * @return true when admitted, false for a replay (the key is there already)
   */
  boolean admitNonce(RequestNonce n, long nowMs) throws SQLException {
    return insertOnce(
        () -> {
          insertNonce.setString(1, n.sender());
          insertNonce.setBytes(2, n.nonce());
          insertNonce.setLong(3, n.requestMillis());
          insertNonce.setLong(4, n.expiresMillis());
          insertNonce.setLong(5, nowMs);
          insertNonce.executeUpdate();
        });
  }

  /**
   * Inserts the issuance with its recipients in its row ({@link InlineRecipients}), or, when their
   * list is too long for the column, in {@code kdc_issuance_recipient}.
   *
   * @return false when the key id was recorded before (nothing of this issuance is written)
   */
  boolean insertIssuance(SealedIssuance is) throws SQLException {
    Optional<byte[]> inline = is.inlineRecipients();
    boolean inserted =
        insertOnce(
            () -> {
              IssuanceProvenance p = is.provenance();
              insertIssuance.setString(1, is.keyId());
              insertIssuance.setString(2, is.sender());
              insertIssuance.setLong(3, is.issuedAtMillis());
              insertIssuance.setLong(4, is.notAfterMillis());
              insertIssuance.setString(5, p.sourceId());
              insertIssuance.setString(6, p.sourceKind());
              insertIssuance.setString(7, p.batchId());
              insertIssuance.setString(8, IssuanceState.ISSUED.name());
              insertIssuance.setInt(9, RowSeals.FORMAT_VERSION);
              insertIssuance.setBytes(10, is.sealedSessionKey());
              if (inline.isPresent()) {
                insertIssuance.setBytes(11, inline.get());
              } else {
                insertIssuance.setNull(11, Types.VARBINARY);
              }
              insertIssuance.executeUpdate();
            });
    if (!inserted || inline.isPresent()) {
      return inserted;
    }
    // The key id is new and the recipients are distinct, so these cannot collide; any failure
    // here fails the whole batch.
    for (Map.Entry<String, byte[]> e : is.sealedPairwiseKeys().entrySet()) {
      insertRecipient.setString(1, is.keyId());
      insertRecipient.setString(2, e.getKey());
      insertRecipient.setBytes(3, e.getValue());
      insertRecipient.executeUpdate();
    }
    return true;
  }

  /** Runs one insert; false, with nothing written, when its key exists already. */
  private boolean insertOnce(Inserts inserts) throws SQLException {
    Savepoint before = savepoints ? c.setSavepoint() : null;
    try {
      inserts.run();
      if (before != null) {
        c.releaseSavepoint(before);
      }
      return true;
    } catch (SQLException e) {
      if (!DUPLICATE_KEY.equals(e.getSQLState())) {
        throw e;
      }
      if (before != null) {
        c.rollback(before);
      }
      return false;
    }
  }

  @FunctionalInterface
  private interface Inserts {
    void run() throws SQLException;
  }

  @Override
  public void close() throws SQLException {
    prepared.close();
  }
}
