package org.kdcmail.qrng.bank;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kdcmail.qrng.SourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank's tables in a {@link BankDatabase} (embedded Derby, or PostgreSQL shared by several
 * nodes). Two connections: one for the refill writer, one for reservations and reads, each used
 * under its own monitor and reopened after a broken-connection error (SQLState class 08). Every
 * {@link SQLException} is wrapped in a {@link KeyBankStorageException} naming the operation and the
 * database.
 */
final class JdbcKeyStore implements AutoCloseable {
  /**
   * Keys per page row. Each key is sealed on its own; a page only groups up to 64 consecutive
   * sealed keys of one batch in one row, so that a reservation deletes a few rows instead of one
   * row per key (a Derby row select+delete costs about 30 µs, which capped take() near 30,000/s).
   */
  static final int PAGE_KEYS = 64;

  private static final Logger log = LoggerFactory.getLogger(JdbcKeyStore.class);

  private final BankDatabase database;
  private final BankConnection writer;
  private final BankConnection reader;

  private JdbcKeyStore(BankDatabase database) {
    this.database = database;
    this.writer = new BankConnection(database);
    this.reader = new BankConnection(database);
  }

  /** Opens (creating or migrating the schema if needed) the bank's tables in {@code database}. */
  static JdbcKeyStore open(BankDatabase database) {
    JdbcKeyStore store = new JdbcKeyStore(database);
    try {
      synchronized (store.writer) {
        database.prepareSchema(store.writer.get());
      }
      synchronized (store.reader) {
        store.reader.get();
      }
      return store;
    } catch (SQLException | RuntimeException e) {
      store.close();
      if (e instanceof KeyBankStorageException storage) {
        throw storage;
      }
      String message = e.getMessage();
      throw new KeyBankStorageException(
          message != null && message.startsWith("cannot open")
              ? message
              : "cannot open the " + database + ": " + message + "; " + database.hint(),
          e);
    }
  }

  boolean shared() {
    return database.shared();
  }

  /** Reads a value from {@code kb_meta}. */
  Optional<byte[]> readMeta(String name) {
    synchronized (reader) {
      try (PreparedStatement ps =
          reader.get().prepareStatement("SELECT val FROM kb_meta WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          Optional<byte[]> value = rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
          reader.get().commit();
          return value;
        }
      } catch (SQLException e) {
        reader.rollbackQuietly();
        throw failure(reader, "read bank metadata", e);
      }
    }
  }

  /** Writes two {@code kb_meta} values in one transaction. */
  void insertMeta(String name1, byte[] value1, String name2, byte[] value2) {
    synchronized (writer) {
      try (PreparedStatement ps =
          writer.get().prepareStatement("INSERT INTO kb_meta (name, val) VALUES (?, ?)")) {
        ps.setString(1, name1);
        ps.setBytes(2, value1);
        ps.executeUpdate();
        ps.setString(1, name2);
        ps.setBytes(2, value2);
        ps.executeUpdate();
        writer.get().commit();
      } catch (SQLException e) {
        writer.rollbackQuietly();
        throw failure(writer, "write bank metadata", e);
      }
    }
  }

  /** Number of keys stored (not yet reserved by any bank instance). */
  long countKeys() {
    synchronized (reader) {
      try (Statement st = reader.get().createStatement();
          ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(key_count), 0) FROM kb_page")) {
        rs.next();
        long count = rs.getLong(1);
        reader.get().commit();
        return count;
      } catch (SQLException e) {
        reader.rollbackQuietly();
        throw failure(reader, "count stored keys", e);
      }
    }
  }

  /**
   * Stores one chunk of sealed keys in one transaction: the batch row when {@code firstSequence ==
   * 0}, the key rows, and the batch's new key count.
   */
  void insertChunk(StoredBatch batch, int firstSequence, List<byte[]> ciphertexts) {
    String batchId = batch.provenance().batchId().toString();
    synchronized (writer) {
      try {
        Connection c = writer.get();
        if (firstSequence == 0) {
          insertBatchRow(c, batch, batchId);
        }
        insertPages(c, batchId, firstSequence, ciphertexts);
        try (PreparedStatement ps =
            c.prepareStatement("UPDATE kb_batch SET key_count = ? WHERE batch_id = ?")) {
          ps.setInt(1, firstSequence + ciphertexts.size());
          ps.setString(2, batchId);
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        writer.rollbackQuietly();
        throw failure(writer, "store " + ciphertexts.size() + " new keys of batch " + batchId, e);
      }
    }
  }

  private static void insertPages(
      Connection c, String batchId, int firstSequence, List<byte[]> ciphertexts)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO kb_page (batch_id, first_seq, key_count, sealed_keys)"
                + " VALUES (?, ?, ?, ?)")) {
      for (int start = 0; start < ciphertexts.size(); start += PAGE_KEYS) {
        int count = Math.min(PAGE_KEYS, ciphertexts.size() - start);
        byte[] page = new byte[count * BatchCipher.CIPHERTEXT_BYTES];
        for (int i = 0; i < count; i++) {
          byte[] ct = ciphertexts.get(start + i);
          System.arraycopy(ct, 0, page, i * ct.length, ct.length);
        }
        ps.setString(1, batchId);
        ps.setInt(2, firstSequence + start);
        ps.setInt(3, count);
        ps.setBytes(4, page);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertBatchRow(Connection c, StoredBatch batch, String batchId)
      throws SQLException {
    KeyProvenance p = batch.provenance();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO kb_batch (batch_id, format_version, source_id, source_kind,"
                + " created_at_ms, salt, key_count) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
      ps.setString(1, batchId);
      ps.setInt(2, batch.formatVersion());
      ps.setString(3, p.sourceId());
      ps.setString(4, p.sourceKind().name());
      ps.setLong(5, p.createdAt().toEpochMilli());
      ps.setBytes(6, batch.salt());
      ps.executeUpdate();
    }
  }

  /**
   * Removes whole pages, oldest first, until at least {@code max} keys (or all) are taken, and
   * returns their keys, in one committed transaction. Once this returns, the rows are gone from
   * disk: whatever happens to them in memory, they are never read again.
   */
  List<StoredKey> reserve(int max) {
    synchronized (reader) {
      try {
        List<StoredKey> keys = database.reservePages(reader.get(), max);
        reader.get().commit();
        return keys;
      } catch (SQLException e) {
        reader.rollbackQuietly();
        throw failure(reader, "reserve a block of " + max + " keys", e);
      }
    }
  }

  /**
   * Deletes every stored key (the batch rows stay, for provenance) and returns how many there were:
   * for a bank restored from a backup, whose stored keys may have been handed out after the backup.
   */
  long discardStoredKeys() {
    long count = countKeys();
    synchronized (writer) {
      try (Statement st = writer.get().createStatement()) {
        st.executeUpdate("DELETE FROM kb_page");
        writer.get().commit();
        return count;
      } catch (SQLException e) {
        writer.rollbackQuietly();
        throw failure(writer, "discard the stored keys", e);
      }
    }
  }

  /** Pages to ask for so that full pages hold at least {@code keys} keys. */
  static int pagesFor(int keys) {
    return (keys + PAGE_KEYS - 1) / PAGE_KEYS;
  }

  /**
   * Splits the current page row ({@code slot, batch_id, first_seq, key_count, sealed_keys}) into
   * its sealed keys; a page of the wrong length is kept whole, to fail authentication when opened.
   */
  static void addPage(List<StoredKey> keys, ResultSet rs) throws SQLException {
    long slot = rs.getLong(1);
    BatchId batch = BatchId.parse(rs.getString(2).trim());
    int firstSeq = rs.getInt(3);
    int count = rs.getInt(4);
    byte[] sealed = rs.getBytes(5);
    int size = BatchCipher.CIPHERTEXT_BYTES;
    if (count < 1 || sealed.length != count * size) {
      keys.add(new StoredKey(slot, batch, firstSeq, sealed));
      return;
    }
    for (int i = 0; i < count; i++) {
      keys.add(
          new StoredKey(
              slot, batch, firstSeq + i, Arrays.copyOfRange(sealed, i * size, (i + 1) * size)));
    }
  }

  /** Loads one batch row. */
  StoredBatch loadBatch(BatchId id) {
    synchronized (reader) {
      try (PreparedStatement ps =
          reader
              .get()
              .prepareStatement(
                  "SELECT format_version, source_id, source_kind, created_at_ms, salt"
                      + " FROM kb_batch WHERE batch_id = ?")) {
        ps.setString(1, id.toString());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new KeyBankIntegrityException("batch " + id + " is missing from the key bank");
          }
          StoredBatch batch = readBatch(id, rs);
          reader.get().commit();
          return batch;
        }
      } catch (SQLException e) {
        reader.rollbackQuietly();
        throw failure(reader, "read batch " + id, e);
      }
    }
  }

  private static StoredBatch readBatch(BatchId id, ResultSet rs) throws SQLException {
    SourceKind kind;
    try {
      kind = SourceKind.valueOf(rs.getString(3));
    } catch (IllegalArgumentException e) {
      throw new KeyBankIntegrityException("batch " + id + " names an unknown source kind", e);
    }
    KeyProvenance provenance =
        new KeyProvenance(rs.getString(2), kind, id, Instant.ofEpochMilli(rs.getLong(4)));
    return new StoredBatch(provenance, rs.getInt(1), rs.getBytes(5));
  }

  /** Closes both connections and releases the database (Derby: shuts down only this database). */
  @Override
  public void close() {
    synchronized (writer) {
      writer.close();
    }
    synchronized (reader) {
      reader.close();
    }
    database.shutdown();
  }

  private KeyBankStorageException failure(
      BankConnection connection, String operation, SQLException e) {
    connection.discardIfBroken(e);
    return new KeyBankStorageException(
        database
            + ": could not "
            + operation
            + " (SQLState "
            + e.getSQLState()
            + ": "
            + e.getMessage()
            + "); "
            + database.hint(),
        e);
  }

  /** One connection, opened on first use and again after it broke. Used under its own monitor. */
  private static final class BankConnection {
    private final BankDatabase database;
    private Connection connection;

    BankConnection(BankDatabase database) {
      this.database = database;
    }

    Connection get() throws SQLException {
      if (connection == null) {
        connection = database.connect();
      }
      return connection;
    }

    void discardIfBroken(SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        close();
      }
    }

    void rollbackQuietly() {
      try {
        if (connection != null) {
          connection.rollback();
        }
      } catch (SQLException e) {
        log.warn("key bank rollback failed: {}", e.getMessage());
      }
    }

    void close() {
      if (connection == null) {
        return;
      }
      try {
        connection.rollback();
        connection.close();
      } catch (SQLException e) {
        log.debug("closing key bank connection: {}", e.getMessage());
      }
      connection = null;
    }
  }
}
