package org.kdcmail.kdc.server.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.kdcmail.kdc.server.kek.KekMac;
import org.kdcmail.kdc.server.store.AuditVerification.Problem;

/**
 * {@link AuditLog} on {@code kdc_audit} and its single-row head {@code kdc_audit_head}. An append
 * locks the head ({@link Appender}), inserts seq = last_seq + 1 with prev_hash = last_hash, and
 * moves the head, all in the caller's transaction, so appends from several nodes are serialized.
 * Encoding in {@link #hash}.
 */
final class AuditLogTable implements AuditLog {
  static final int HASH_BYTES = 32;
  private static final byte ENCODING_VERSION = 1;
  private static final int MAX_NAME_CHARS = 320;
  private static final int MAX_DETAIL_CHARS = 1000;

  private final StoreDatabase db;
  private final Clock clock;

  /** Keys the chain: without the KEK, nobody can recompute a consistent chain after an edit. */
  private final KekMac chainKey;

  AuditLogTable(StoreDatabase db, KekMac chainKey, Clock clock) {
    this.chainKey = chainKey;
    this.db = db;
    this.clock = clock;
  }

  @Override
  public long append(AuditType type, String actor, String subject, String detail) {
    synchronized (db) {
      try {
        long seq = append(db.connection(), type, actor, subject, detail);
        db.connection().commit();
        return seq;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("append a '" + type.label() + "' audit entry", e);
      }
    }
  }

  /** An entry to append: validated on creation. */
  record NewEntry(AuditType type, String actor, String subject, String detail) {
    NewEntry {
      Objects.requireNonNull(type, "type");
      actor = checked("actor", actor, MAX_NAME_CHARS);
      subject = checked("subject", subject == null ? "" : subject, MAX_NAME_CHARS);
      detail = checked("detail", detail == null ? "" : detail, MAX_DETAIL_CHARS);
    }
  }

  /** Appends inside the caller's transaction (the caller commits or rolls back). */
  long append(Connection c, AuditType type, String actor, String subject, String detail)
      throws SQLException {
    try (Appender appender = appender(c)) {
      return appender.appendAll(List.of(new NewEntry(type, actor, subject, detail)));
    }
  }

  /** An appender on {@code c}, for as many of its transactions as the caller likes. */
  Appender appender(Connection c) throws SQLException {
    return new Appender(c);
  }

  /**
   * Appends to the chain inside transactions of one connection, with its statements prepared once
   * (the group committer keeps one for all its batches). The caller commits or rolls back.
   *
   * <p>The head is read and locked once per {@link #appendAll}. On Derby it is read through an
   * updatable cursor and moved by a positioned update: at READ COMMITTED Derby holds the cursor's
   * lock while it stays on the row, and the update's lock to the commit, so concurrent appenders
   * never read the same head (a plain {@code FOR UPDATE} read would release its lock when the
   * cursor closes). PostgreSQL holds a {@code FOR UPDATE} lock to the commit, so there the head is
   * read and then updated by key.
   */
  final class Appender implements AutoCloseable {
    private final boolean derby;
    private final StatementSet prepared;
    private final PreparedStatement readHead;
    private final PreparedStatement moveHead; // PostgreSQL only
    private final PreparedStatement insert;

    private Appender(Connection c) throws SQLException {
      derby = db.vendor() == StoreDatabase.Vendor.DERBY;
      prepared = new StatementSet(c);
      try {
        readHead =
            derby
                ? prepared.prepareUpdatable(
                    "SELECT last_seq, last_hash FROM kdc_audit_head WHERE id = 1"
                        + " FOR UPDATE OF last_seq, last_hash")
                : prepared.prepare(
                    "SELECT last_seq, last_hash FROM kdc_audit_head WHERE id = 1 FOR UPDATE");
        moveHead =
            derby
                ? null
                : prepared.prepare(
                    "UPDATE kdc_audit_head SET last_seq = ?, last_hash = ? WHERE id = 1");
        insert =
            prepared.prepare(
                "INSERT INTO kdc_audit (seq, at_ms, type, actor, subject, detail, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      } catch (SQLException e) {
        prepared.closeAfter(e);
        throw e;
      }
    }

    /**
     * Appends {@code entries} in order inside the connection's current transaction: the head is
     * locked and read once, each entry chained to the previous one, and the head moved once (a
     * group commit's batch).
     *
     * @return the seq of the last entry appended (the head's seq when {@code entries} is empty)
     */
    long appendAll(List<NewEntry> entries) throws SQLException {
      try (ResultSet head = readHead.executeQuery()) {
        if (!head.next()) {
          throw new KdcStoreException(db.description() + ": no audit head");
        }
        long seq = head.getLong(1);
        byte[] prev = head.getBytes(2);
        if (entries.isEmpty()) {
          return seq;
        }
        for (NewEntry e : entries) {
          seq++;
          long at = clock.millis();
          byte[] hash = hash(prev, seq, at, e.type().label(), e.actor(), e.subject(), e.detail());
          insert.setLong(1, seq);
          insert.setLong(2, at);
          insert.setString(3, e.type().label());
          insert.setString(4, e.actor());
          insert.setString(5, e.subject());
          insert.setString(6, e.detail());
          insert.setBytes(7, prev);
          insert.setBytes(8, hash);
          insert.executeUpdate();
          prev = hash;
        }
        if (derby) {
          head.updateLong(1, seq);
          head.updateBytes(2, prev);
          head.updateRow();
        } else {
          moveHead.setLong(1, seq);
          moveHead.setBytes(2, prev);
          moveHead.executeUpdate();
        }
        return seq;
      }
    }

    @Override
    public void close() throws SQLException {
      prepared.close();
    }
  }

  @Override
  public AuditVerification verify() {
    synchronized (db) {
      try {
        AuditVerification result = verify(db.connection());
        db.connection().commit();
        return result;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("verify the audit chain", e);
      }
    }
  }

  private AuditVerification verify(Connection c) throws SQLException {
    long headSeq;
    byte[] headHash;
    try (PreparedStatement st =
            c.prepareStatement("SELECT last_seq, last_hash FROM kdc_audit_head WHERE id = 1");
        ResultSet rs = st.executeQuery()) {
      if (!rs.next()) {
        return AuditVerification.broken(Problem.HEAD_MISMATCH, 0, 1, "the audit head is missing");
      }
      headSeq = rs.getLong(1);
      headHash = rs.getBytes(2);
    }
    long expected = 1;
    byte[] prev = new byte[HASH_BYTES];
    try (PreparedStatement st =
            c.prepareStatement(
                "SELECT seq, at_ms, type, actor, subject, detail, prev_hash, hash"
                    + " FROM kdc_audit ORDER BY seq");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        long seq = rs.getLong(1);
        long checked = expected - 1;
        if (seq != expected) {
          return AuditVerification.broken(
              Problem.GAP,
              checked,
              expected,
              "entries " + expected + ".." + (seq - 1) + " missing");
        }
        if (!MessageDigest.isEqual(prev, rs.getBytes(7))) {
          return AuditVerification.broken(
              Problem.PREV_HASH_MISMATCH,
              checked,
              seq,
              "prev_hash of entry " + seq + " is not the hash of entry " + (seq - 1));
        }
        byte[] hash =
            hash(
                prev,
                seq,
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6));
        if (!MessageDigest.isEqual(hash, rs.getBytes(8))) {
          return AuditVerification.broken(
              Problem.HASH_MISMATCH, checked, seq, "entry " + seq + " was modified");
        }
        prev = hash;
        expected++;
      }
    }
    long last = expected - 1;
    if (headSeq != last || !MessageDigest.isEqual(headHash, prev)) {
      return AuditVerification.broken(
          Problem.HEAD_MISMATCH,
          last,
          last + 1,
          "the head records "
              + headSeq
              + " entries ending in "
              + HexFormat.of().formatHex(headHash, 0, 8)
              + "…, the table holds "
              + last
              + (headSeq > last ? ": entries after " + last + " were deleted" : ""));
    }
    return AuditVerification.intact(last);
  }

  @Override
  public List<AuditEntry> entries(AuditFilter filter) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT seq, at_ms, type, actor, subject, detail FROM kdc_audit WHERE seq > ?");
    List<Object> params = new ArrayList<>();
    params.add(filter.afterSeq());
    filter.type().ifPresent(t -> where(sql, params, "type", t.label()));
    filter.actor().ifPresent(a -> where(sql, params, "actor", a));
    filter.subject().ifPresent(s -> where(sql, params, "subject", s));
    sql.append(" ORDER BY seq FETCH FIRST ").append(filter.limit()).append(" ROWS ONLY");
    synchronized (db) {
      try (PreparedStatement st = db.connection().prepareStatement(sql.toString())) {
        for (int i = 0; i < params.size(); i++) {
          st.setObject(i + 1, params.get(i));
        }
        List<AuditEntry> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(
                new AuditEntry(
                    rs.getLong(1),
                    Instant.ofEpochMilli(rs.getLong(2)),
                    AuditType.fromLabel(rs.getString(3)),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)));
          }
        }
        db.connection().commit();
        return List.copyOf(out);
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("read audit entries", e);
      }
    }
  }

  private static void where(StringBuilder sql, List<Object> params, String column, String value) {
    sql.append(" AND ").append(column).append(" = ?");
    params.add(value);
  }

  /**
   * HMAC-SHA256 under a KEK-derived key ({@code kek.mac("store/audit-chain")}) over the entry's
   * canonical encoding (as one length-prefixed part, see {@link KekMac#tag}).
   */
  byte[] hash(
      byte[] prevHash,
      long seq,
      long atMs,
      String type,
      String actor,
      String subject,
      String detail) {
    return chainKey.tag(encoding(prevHash, seq, atMs, type, actor, subject, detail));
  }

  /**
   * The canonical encoding of an entry: prev_hash (32) ‖ 0x01 ‖ seq (8, BE) ‖ at_ms (8, BE) ‖ for
   * type, actor, subject, detail: length (4, BE) ‖ UTF-8 bytes.
   */
  static byte[] encoding(
      byte[] prevHash,
      long seq,
      long atMs,
      String type,
      String actor,
      String subject,
      String detail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(prevHash);
    out.write(ENCODING_VERSION);
    out.writeBytes(ByteBuffer.allocate(16).putLong(seq).putLong(atMs).array());
    for (String field : new String[] {type, actor, subject, detail}) {
      byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
      out.writeBytes(utf8);
    }
    return out.toByteArray();
  }

  private static String checked(String name, String value, int maxChars) {
    Objects.requireNonNull(value, name);
    if (value.length() > maxChars) {
      throw new IllegalArgumentException(name + " must be at most " + maxChars + " characters");
    }
    return value;
  }
}
