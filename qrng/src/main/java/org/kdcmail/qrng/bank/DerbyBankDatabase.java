package org.kdcmail.qrng.bank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key bank in an embedded Derby database in {@code directory/db}: one process owns it. The
 * schema is plain DDL versioned by {@code kb_schema_version} (version 1); a reservation selects the
 * oldest pages and deletes exactly those, checking that each delete removed one row.
 */
final class DerbyBankDatabase implements BankDatabase {
  static final int SCHEMA_VERSION = 1;

  private static final Logger log = LoggerFactory.getLogger(DerbyBankDatabase.class);
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
              + JdbcKeyStore.PAGE_KEYS * BatchCipher.CIPHERTEXT_BYTES
              + ") FOR BIT DATA NOT NULL,"
              + " CONSTRAINT kb_page_batch_seq UNIQUE (batch_id, first_seq),"
              + " CONSTRAINT kb_page_batch FOREIGN KEY (batch_id) REFERENCES kb_batch (batch_id))");

  private final Path databaseDir;

  private DerbyBankDatabase(Path databaseDir) {
    this.databaseDir = databaseDir;
  }

  private static final String[][] LOG_INTERVALS = {
    {"derby.storage.logSwitchInterval", Integer.toString(64 * 1024 * 1024)},
    {"derby.storage.checkpointInterval", "128000000"}
  };

  /** The bank in {@code directory/db}; checks the directory before Derby sees it. */
  static DerbyBankDatabase in(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    if (dir.toString().contains(";")) {
      throw new IllegalArgumentException("key bank directory must not contain ';': " + dir);
    }
    ensureWritableDirectory(dir);
    configureDerbyLog(dir);
    return new DerbyBankDatabase(dir.resolve("db"));
  }

  /**
   * Larger log-file and checkpoint intervals than Derby's 1 MB and 10 MB, stored in the database (a
   * {@code -Dderby.storage.…} system property still overrides them): the refill and the
   * reservations write log steadily under load, and each log switch costs a synchronous write.
   */
  private static void setLogIntervals(Connection writer) throws SQLException {
    try (CallableStatement call =
        writer.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
      for (String[] property : LOG_INTERVALS) {
        call.setString(1, property[0]);
        call.setString(2, property[1]);
        call.execute();
      }
    }
    writer.commit();
  }

  @Override
  public Connection connect() throws SQLException {
    try {
      Connection c = DriverManager.getConnection("jdbc:derby:" + databaseDir + ";create=true");
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      throw new SQLException(
          "cannot open the key bank database at "
              + databaseDir
              + " (is another process using it, or is the directory unwritable?): "
              + e.getMessage(),
          e.getSQLState(),
          e);
    }
  }

  @Override
  public void prepareSchema(Connection writer) throws SQLException {
    setLogIntervals(writer);
    try (ResultSet tables = writer.getMetaData().getTables(null, null, "KB_SCHEMA_VERSION", null)) {
      if (!tables.next()) {
        createSchema(writer);
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

  private void createSchema(Connection writer) throws SQLException {
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

  @Override
  public List<StoredKey> reservePages(Connection reader, int max) throws SQLException {
    List<StoredKey> keys = new ArrayList<>(max + JdbcKeyStore.PAGE_KEYS);
    int pages = 2 * JdbcKeyStore.pagesFor(max); // pages may be partly filled
    try (Statement st = reader.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT slot, batch_id, first_seq, key_count, sealed_keys FROM kb_page"
                    + " ORDER BY slot FETCH FIRST "
                    + pages
                    + " ROWS ONLY")) {
      while (rs.next() && keys.size() < max) {
        JdbcKeyStore.addPage(keys, rs);
      }
    }
    if (!keys.isEmpty()) {
      deleteSlots(reader, keys);
    }
    return keys;
  }

  /** Deletes exactly the selected rows; any row already gone aborts the reservation. */
  private static void deleteSlots(Connection reader, List<StoredKey> keys) throws SQLException {
    try (PreparedStatement ps = reader.prepareStatement("DELETE FROM kb_page WHERE slot = ?")) {
      for (long slot : keys.stream().mapToLong(StoredKey::slot).distinct().toArray()) {
        ps.setLong(1, slot);
        ps.addBatch();
      }
      for (int count : ps.executeBatch()) {
        if (count != 1) {
          throw new SQLException("a reserved key row was removed concurrently", "KB001");
        }
      }
    }
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public String hint() {
    return "check disk space and permissions, and derby.log next to the database";
  }

  @Override
  public void shutdown() {
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

  @Override
  public String toString() {
    return "key bank database at " + databaseDir;
  }
}
