package org.kdcmail.kdc.server.store;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.secrets.SecretBytes;

/**
 * {@link IssuanceLedger} on {@code kdc_issuance}, whose rows carry their recipients ({@link
 * InlineRecipients}), and {@code kdc_issuance_recipient} for lists too long for that column and for
 * issuances recorded before schema 5. The primary key on key_id makes a second record of the same
 * key id fail (SQLState 23505) with nothing written. Records go through the store's group committer
 * ({@link LedgerBatchWriter}): the keys are sealed on the caller's thread, the rows written in a
 * batch with other requests' rows and committed with one log flush before the caller returns.
 * Lookups use pooled connections.
 */
final class IssuanceTable implements IssuanceLedger {

  private final StoreDatabase db;
  private final IssuanceSeals seals;
  private final AuditLogTable audit;
  private final GroupCommitter<LedgerWrite, LedgerWrite.Outcome> committer;
  private final Clock clock;

  IssuanceTable(
      StoreDatabase db,
      IssuanceSeals seals,
      AuditLogTable audit,
      GroupCommitter<LedgerWrite, LedgerWrite.Outcome> committer,
      Clock clock) {
    this.db = db;
    this.seals = seals;
    this.audit = audit;
    this.committer = committer;
    this.clock = clock;
  }

  @Override
  public void record(Issuance is) {
    Objects.requireNonNull(is, "issuance");
    if (committer.submit(LedgerWrite.record(sealed(is))) != LedgerWrite.Outcome.DONE) {
      throw new DuplicateKeyIdException(is.keyId(), null);
    }
  }

  @Override
  public boolean recordIfNew(RequestNonce request, Issuance is) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(is, "issuance");
    request.requireWithinWindow(clock.millis());
    return switch (committer.submit(LedgerWrite.admitAndRecord(request, sealed(is)))) {
      case DONE -> true;
      case REPLAY -> false;
      case DUPLICATE_KEY_ID -> throw new DuplicateKeyIdException(is.keyId(), null);
    };
  }

  /** Seals K_S and every K_ABi under the KEK (before the item is queued for the group commit). */
  SealedIssuance sealed(Issuance is) {
    Map<String, byte[]> pairwise = new LinkedHashMap<>();
    is.pairwiseKeys()
        .forEach(
            (recipient, key) ->
                pairwise.put(
                    recipient,
                    seal(key, k -> seals.sealPairwiseKey(is.keyId(), is.sender(), recipient, k))));
    return new SealedIssuance(
        is.keyId(),
        is.sender(),
        is.issuedAt().toEpochMilli(),
        is.notAfter().toEpochMilli(),
        is.provenance(),
        seal(is.sessionKey(), k -> seals.sealSessionKey(is.keyId(), is.sender(), k)),
        pairwise);
  }

  @Override
  public Optional<IssuanceRecord> find(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    return db.inPooledTransaction(
        "read the issuance of key " + keyId,
        c -> {
          Optional<IssuanceRecord> found = Optional.empty();
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT sender, issued_at_ms, not_after_ms, source_id, source_kind, batch_id,"
                      + " state, revoked_at_ms, recipients FROM kdc_issuance WHERE key_id = ?")) {
            st.setString(1, keyId);
            try (ResultSet rs = st.executeQuery()) {
              if (rs.next()) {
                long revoked = rs.getLong(8);
                boolean wasRevoked = !rs.wasNull();
                byte[] inline = rs.getBytes(9);
                found =
                    Optional.of(
                        new IssuanceRecord(
                            keyId,
                            rs.getString(1),
                            inline != null
                                ? sorted(InlineRecipients.decode(keyId, inline).keySet())
                                : recipients(c, keyId),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            new IssuanceProvenance(
                                rs.getString(4), rs.getString(5), rs.getString(6)),
                            IssuanceState.valueOf(rs.getString(7)),
                            wasRevoked
                                ? Optional.of(Instant.ofEpochMilli(revoked))
                                : Optional.empty()));
              }
            }
          }
          return found;
        });
  }

  @Override
  public boolean isRecipient(String keyId, String user) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(user, "user");
    Optional<Object[]> row =
        query(
            "SELECT recipients FROM kdc_issuance WHERE key_id = ?",
            "check a recipient of key " + keyId,
            keyId);
    return row.isPresent() && sealedPairwiseKey(keyId, (byte[]) row.get()[0], user).isPresent();
  }

  @Override
  public boolean isRevoked(String keyId) {
    return query(
            "SELECT 1 FROM kdc_issuance WHERE key_id = ? AND state = 'REVOKED'",
            "read the state of key " + keyId,
            Objects.requireNonNull(keyId, "keyId"))
        .isPresent();
  }

  @Override
  public Optional<SecretBytes> openSessionKey(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    Optional<Object[]> row =
        query(
            "SELECT sender, sealed_session_key FROM kdc_issuance WHERE key_id = ?"
                + " AND state = 'ISSUED'",
            "load the session key " + keyId,
            keyId);
    return row.map(
        r -> open(keyId, () -> seals.openSessionKey(keyId, (String) r[0], (byte[]) r[1])));
  }

  @Override
  public Optional<SecretBytes> openPairwiseKey(String keyId, String recipient) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(recipient, "recipient");
    Optional<Object[]> row =
        query(
            "SELECT sender, recipients FROM kdc_issuance WHERE key_id = ? AND state = 'ISSUED'",
            "load a ticket key of " + keyId,
            keyId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String sender = (String) row.get()[0];
    return sealedPairwiseKey(keyId, (byte[]) row.get()[1], recipient)
        .map(box -> open(keyId, () -> seals.openPairwiseKey(keyId, sender, recipient, box)));
  }

  /**
   * A recipient's sealed K_ABi: from the issuance row's {@code recipients} when it has them, else
   * from {@code kdc_issuance_recipient}; empty when the user is not a recipient.
   */
  private Optional<byte[]> sealedPairwiseKey(String keyId, byte[] inline, String recipient) {
    if (inline != null) {
      return Optional.ofNullable(InlineRecipients.decode(keyId, inline).get(recipient));
    }
    return query(
            "SELECT sealed_pairwise_key FROM kdc_issuance_recipient"
                + " WHERE key_id = ? AND recipient = ?",
            "load a ticket key of " + keyId,
            keyId,
            recipient)
        .map(r -> (byte[]) r[0]);
  }

  @Override
  public boolean revokeKey(String keyId, String actor) {
    Objects.requireNonNull(keyId, "keyId");
    return revoke("key_id = ?", keyId, actor, keyId, "key") == 1;
  }

  @Override
  public int revokeBatch(String batchId, String actor) {
    Objects.requireNonNull(batchId, "batchId");
    return revoke("batch_id = ?", batchId, actor, "batch " + batchId, "batch");
  }

  private int revoke(String where, String value, String actor, String subject, String what) {
    Objects.requireNonNull(actor, "actor");
    synchronized (db) {
      Connection c = db.connection();
      try {
        int rows =
            KdcStore.update(
                c,
                "UPDATE kdc_issuance SET state = 'REVOKED', revoked_at_ms = ? WHERE "
                    + where
                    + " AND state = 'ISSUED'",
                clock.millis(),
                value);
        if (rows > 0) {
          audit.append(c, AuditType.REVOKE, actor, subject, what + " revoked keys=" + rows);
        }
        c.commit();
        return rows;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("revoke " + subject, e);
      }
    }
  }

  private static List<String> sorted(Collection<String> names) {
    List<String> out = new ArrayList<>(names);
    Collections.sort(out);
    return out;
  }

  /** The recipients of an issuance kept in {@code kdc_issuance_recipient}, sorted. */
  private static List<String> recipients(Connection c, String keyId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT recipient FROM kdc_issuance_recipient WHERE key_id = ? ORDER BY recipient")) {
      st.setString(1, keyId);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /** The first row's columns, read in one committed transaction on a pooled connection. */
  private Optional<Object[]> query(String sql, String operation, Object... params) {
    return db.inPooledTransaction(
        operation,
        c -> {
          try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              Object[] cols = new Object[rs.getMetaData().getColumnCount()];
              for (int i = 0; i < cols.length; i++) {
                cols[i] = rs.getObject(i + 1);
              }
              return Optional.of(cols);
            }
          }
        });
  }

  private interface Sealer {
    byte[] seal(byte[] key);
  }

  private static byte[] seal(SecretBytes key, Sealer sealer) {
    byte[] plain = key.copyBytes();
    try {
      return sealer.seal(plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private interface Opener {
    byte[] open() throws GeneralSecurityException;
  }

  private static SecretBytes open(String keyId, Opener opener) {
    try {
      return SecretBytes.wrap(opener.open());
    } catch (GeneralSecurityException e) {
      throw new KdcStoreIntegrityException(
          "a sealed key of session key "
              + keyId
              + " failed authentication: the row was modified, or this KEK did not seal it",
          e);
    }
  }
}
