package org.kdcmail.qrng.bank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kdcmail.qrng.SourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank's tables in an embedded Derby database. Two connections: one for the refill writer, one
 * for reservations and reads, each used under its own monitor. Every {@link SQLException} is
 * wrapped in a {@link KeyBankStorageException} naming the operation and the database directory.
 *
 * <p>Portability note for a later PostgreSQL store: {@code VARCHAR(n) FOR BIT DATA} becomes {@code
 * BYTEA}; {@code GENERATED ALWAYS AS IDENTITY}, {@code FETCH FIRST n ROWS ONLY}, {@code CHAR},
 * {@code SMALLINT} and {@code BIGINT} carry over. With several nodes the reserve query needs {@code
 * FOR UPDATE SKIP LOCKED} so that nodes do not keep aborting each other's reservations.
 */
final class DerbyKeyStore implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;

  /**
   * Keys per page row. Each key is sealed on its own; a page only groups up to 64 consecutive
   * sealed keys of one batch in one row, so that a reservation deletes a few rows instead of one
   * row per key (a Derby row select+delete costs about 30 µs, which capped take() near 30,000/s).
   */
  static final int PAGE_KEYS = 64;

  private static final Logger log = LoggerFactory.getLogger(DerbyKeyStore.class);
  private static final List<String> DDL =
      List.of(
          "CREATE TABLE kb_schema_version (version INT NOT NULL PRIMARY KEY,"
              + " applied_at_ms BIGINT NOT NULL)",
          "CREATE TABLE kb_meta (name VARCHAR(64) NOT NULL PRIMARY KEY,"
              + " val VARCHAR(256) FOR BIT DATA NOT NULL)",
          "CREATE TABLE kb_batch (batch_id CHAR(32) NOT NULL PRIMARY KEY,"
              + " format_version SMALLINT NOT NULL, source_id VARCHAR(255) NOT NULL,"
              + " source_kind VARCHAR(16) NOT NULL, created_at_ms BIGINT NOT NULL,"
              + " salt VARCHAR(32) FOR BIT DATA NOT NULL, key_count INT NOT NULL)",
          "CREATE TABLE kb_page (slot BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
              + " batch_id CHAR(32) NOT NULL, first_seq INT NOT NULL, key_count INT NOT NULL,"
              + " sealed_keys VARCHAR("
              + PAGE_KEYS * BatchCipher.CIPHERTEXT_BYTES
              + ") FOR BIT DATA NOT NULL,"
              + " CONSTRAINT kb_page_batch_seq UNIQUE (batch_id, first_seq),"
              + " CONSTRAINT kb_page_batch FOREIGN KEY (batch_id) REFERENCES kb_batch (batch_id))");

  private final Path databaseDir;
  private final Connection writer;
  private final Connection reader;

  private DerbyKeyStore(Path databaseDir, Connection writer, Connection reader) {
    this.databaseDir = databaseDir;
    this.writer = writer;
    this.reader = reader;
  }

  /** Opens (creating if needed) the database in {@code directory/db}. */
  static DerbyKeyStore open(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    if (dir.toString().contains(";")) {
      throw new IllegalArgumentException("key bank directory must not contain ';': " + dir);
    }
    ensureWritableDirectory(dir);
    configureDerbyLog(dir);
    Path databaseDir = dir.resolve("db");
    String url = "jdbc:derby:" + databaseDir + ";create=true";
    Connection writer = null;
    try {
      writer = DriverManager.getConnection(url);
      Connection reader = DriverManager.getConnection(url);
      writer.setAutoCommit(false);
      reader.setAutoCommit(false);
      DerbyKeyStore store = new DerbyKeyStore(databaseDir, writer, reader);
      store.createOrCheckSchema();
      return store;
    } catch (SQLException e) {
      closeQuietly(writer);
      throw new KeyBankStorageException(
          "cannot open the key bank database at "
              + databaseDir
              + " (is another process using it, or is the directory unwritable?): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Checked before Derby sees the path: when Derby fails to create a database it can leave a
   * half-made one named {@code null} in the working directory.
   */
  private static void ensureWritableDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new KeyBankStorageException(
          "cannot open the key bank database at "
              + dir
              + ": the directory cannot be created ("
              + e
              + "); check the path and its permissions",
          e);
    }
    if (!Files.isWritable(dir)) {
      throw new KeyBankStorageException(
          "cannot open the key bank database at " + dir + ": the directory is not writable");
    }
  }

  /** Sends derby.log next to the database unless the application configured Derby itself. */
  private static void configureDerbyLog(Path dir) {
    if (System.getProperty("derby.stream.error.file") == null
        && System.getProperty("derby.system.home") == null) {
      System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
      System.setProperty("derby.infolog.append", "true");
    }
  }

  private void createOrCheckSchema() throws SQLException {
    synchronized (writer) {
      try (ResultSet tables =
          writer.getMetaData().getTables(null, null, "KB_SCHEMA_VERSION", null)) {
        if (!tables.next()) {
          createSchema();
          return;
        }
      }
      try (Statement st = writer.createStatement();
          ResultSet rs = st.executeQuery("SELECT MAX(version) FROM kb_schema_version")) {
        rs.next();
        int version = rs.getInt(1);
        writer.commit();
        if (version != SCHEMA_VERSION) {
          throw new KeyBankStorageException(
              "key bank schema version "
                  + version
                  + " at "
                  + databaseDir
                  + " is not supported by this build (expects "
                  + SCHEMA_VERSION
                  + "); use a matching kdcmail version");
        }
      }
    }
  }

  private void createSchema() throws SQLException {
    try (Statement st = writer.createStatement()) {
      for (String ddl : DDL) {
        st.executeUpdate(ddl);
      }
      st.executeUpdate(
          "INSERT INTO kb_schema_version (version, applied_at_ms) VALUES ("
              + SCHEMA_VERSION
              + ", "
              + System.currentTimeMillis()
              + ")");
      writer.commit();
      log.info("created key bank schema version {} at {}", SCHEMA_VERSION, databaseDir);
    } catch (SQLException e) {
      writer.rollback();
      throw e;
    }
  }

  /** Reads a value from {@code kb_meta}. */
  Optional<byte[]> readMeta(String name) {
    synchronized (reader) {
      try (PreparedStatement ps =
          reader.prepareStatement("SELECT val FROM kb_meta WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          Optional<byte[]> value = rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
          reader.commit();
          return value;
        }
      } catch (SQLException e) {
        throw failure("read bank metadata", e);
      }
    }
  }

  /** Writes several {@code kb_meta} values in one transaction. */
  void insertMeta(String name1, byte[] value1, String name2, byte[] value2) {
    synchronized (writer) {
      try (PreparedStatement ps =
          writer.prepareStatement("INSERT INTO kb_meta (name, val) VALUES (?, ?)")) {
        ps.setString(1, name1);
        ps.setBytes(2, value1);
        ps.executeUpdate();
        ps.setString(1, name2);
        ps.setBytes(2, value2);
        ps.executeUpdate();
        writer.commit();
      } catch (SQLException e) {
        rollbackQuietly(writer);
        throw failure("write bank metadata", e);
      }
    }
  }

  /** Number of keys stored (not yet reserved). */
  long countKeys() {
    synchronized (reader) {
      try (Statement st = reader.createStatement();
          ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(key_count), 0) FROM kb_page")) {
        rs.next();
        long count = rs.getLong(1);
        reader.commit();
        return count;
      } catch (SQLException e) {
        throw failure("count stored keys", e);
      }
    }
  }

  /**
   * Stores one chunk of sealed keys in one transaction: the batch row when {@code firstSequence ==
   * 0}, the key rows, and the batch's new key count.
   */
  void insertChunk(StoredBatch batch, int firstSequence, List<byte[]> ciphertexts) {
    KeyProvenance p = batch.provenance();
    String batchId = p.batchId().toString();
    synchronized (writer) {
      try {
        if (firstSequence == 0) {
          insertBatchRow(batch, batchId);
        }
        insertPages(batchId, firstSequence, ciphertexts);
        try (PreparedStatement ps =
            writer.prepareStatement("UPDATE kb_batch SET key_count = ? WHERE batch_id = ?")) {
          ps.setInt(1, firstSequence + ciphertexts.size());
          ps.setString(2, batchId);
          ps.executeUpdate();
        }
        writer.commit();
      } catch (SQLException e) {
        rollbackQuietly(writer);
        throw failure("store " + ciphertexts.size() + " new keys of batch " + batchId, e);
      }
    }
  }

  private void insertPages(String batchId, int firstSequence, List<byte[]> ciphertexts)
      throws SQLException {
    try (PreparedStatement ps =
        writer.prepareStatement(
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

  private void insertBatchRow(StoredBatch batch, String batchId) throws SQLException {
    KeyProvenance p = batch.provenance();
    try (PreparedStatement ps =
        writer.prepareStatement(
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
   * Removes whole pages, oldest slot first, until at least {@code max} keys (or all) are taken, and
   * returns their keys, in one committed transaction. Once this returns, the rows are gone from
   * disk: whatever happens to them in memory, they are never read again.
   */
  List<StoredKey> reserve(int max) {
    synchronized (reader) {
      try {
        List<StoredKey> keys = selectOldest(max);
        if (!keys.isEmpty()) {
          deleteSlots(keys);
        }
        reader.commit();
        return keys;
      } catch (SQLException e) {
        rollbackQuietly(reader);
        throw failure("reserve a block of " + max + " keys", e);
      }
    }
  }

  private List<StoredKey> selectOldest(int max) throws SQLException {
    List<StoredKey> keys = new ArrayList<>(max + PAGE_KEYS);
    int pages = 2 * ((max + PAGE_KEYS - 1) / PAGE_KEYS); // pages may be partly filled
    try (Statement st = reader.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT slot, batch_id, first_seq, key_count, sealed_keys FROM kb_page"
                    + " ORDER BY slot FETCH FIRST "
                    + pages
                    + " ROWS ONLY")) {
      while (rs.next() && keys.size() < max) {
        addPage(
            keys,
            rs.getLong(1),
            BatchId.parse(rs.getString(2)),
            rs.getInt(3),
            rs.getInt(4),
            rs.getBytes(5));
      }
    }
    return keys;
  }

  /** Splits one page into its sealed keys; a page of the wrong length is kept whole, to fail. */
  private static void addPage(
      List<StoredKey> keys, long slot, BatchId batch, int firstSeq, int count, byte[] sealed) {
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

  /** Deletes exactly the selected rows; any row already gone aborts the reservation. */
  private void deleteSlots(List<StoredKey> keys) throws SQLException {
    try (PreparedStatement ps = reader.prepareStatement("DELETE FROM kb_page WHERE slot = ?")) {
      for (long slot : keys.stream().mapToLong(StoredKey::slot).distinct().toArray()) {
        ps.setLong(1, slot);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      for (int count : counts) {
        if (count != 1) {
          throw new SQLException("a reserved key row was removed concurrently", "KB001");
        }
      }
    }
  }

  /** Loads one batch row. */
  StoredBatch loadBatch(BatchId id) {
    synchronized (reader) {
      try (PreparedStatement ps =
          reader.prepareStatement(
              "SELECT format_version, source_id, source_kind, created_at_ms, salt"
                  + " FROM kb_batch WHERE batch_id = ?")) {
        ps.setString(1, id.toString());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new KeyBankIntegrityException("batch " + id + " is missing from the key bank");
          }
          StoredBatch batch = readBatch(id, rs);
          reader.commit();
          return batch;
        }
      } catch (SQLException e) {
        rollbackQuietly(reader);
        throw failure("read batch " + id, e);
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

  /** Closes both connections and shuts the database down (not the whole Derby engine). */
  @Override
  public void close() {
    synchronized (writer) {
      closeQuietly(writer);
    }
    synchronized (reader) {
      closeQuietly(reader);
    }
    try {
      DriverManager.getConnection("jdbc:derby:" + databaseDir + ";shutdown=true").close();
    } catch (SQLException e) {
      // Derby reports a successful shutdown as an exception: 08006 (database), XJ015 (engine).
      if (!"08006".equals(e.getSQLState()) && !"XJ015".equals(e.getSQLState())) {
        log.warn(
            "key bank database at {} did not shut down cleanly: {}", databaseDir, e.getMessage());
      }
    }
  }

  private KeyBankStorageException failure(String operation, SQLException e) {
    return new KeyBankStorageException(
        "key bank database at "
            + databaseDir
            + ": could not "
            + operation
            + " (SQLState "
            + e.getSQLState()
            + ": "
            + e.getMessage()
            + "); check disk space and permissions, and derby.log next to the database",
        e);
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.warn("key bank rollback failed: {}", e.getMessage());
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
      connection.close();
    } catch (SQLException e) {
      log.debug("closing key bank connection: {}", e.getMessage());
    }
  }
}
