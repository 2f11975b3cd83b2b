package org.kdcmail.kdc.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The KDC store's database: embedded Derby in {@code dataDir/db} or PostgreSQL by JDBC URL (see
 * {@link DatabaseLocation}), migrated by Flyway from {@code classpath:db/migration/derby} or {@code
 * classpath:db/migration/postgresql} (same tables and columns; DDL differences in docs/storage.md).
 * Two kinds of connection: a pool (HikariCP, READ COMMITTED, autocommit off) for the session-key
 * hot path — reads of users, the replay pre-check, issuance lookups and the group committer's
 * batches — and one connection (autocommit off) used under this object's monitor for the rare
 * administrative and enrollment operations.
 *
 * <p>Derby runs SERIALIZABLE (one process owns the files). PostgreSQL runs READ COMMITTED: every
 * cross-node invariant is carried by a constraint or a row lock (replay primary key, audit head
 * {@code FOR UPDATE}, conditional invitation updates), and SERIALIZABLE there would turn those
 * waits into serialization failures. A PostgreSQL connection found broken (SQLState class 08) is
 * reopened on the next operation.
 *
 * <p>Derby: sends {@code derby.log} to {@code dataDir/derby.log} unless Derby was configured by the
 * application; closing shuts down only this database (SQLState 08006 means success).
 */
final class StoreDatabase implements AutoCloseable {
  /** Largest number of pooled connections (readers plus the group committer). */
  static final int POOL_SIZE = 16;

  /** How long a caller waits for a pooled connection before the operation fails. */
  static final long POOL_WAIT_MILLIS = 5_000;

  /** Work on one connection inside one transaction. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Derby log file size before switching to the next file (default 1 MB). */
  static final int DERBY_LOG_SWITCH_BYTES = 64 * 1024 * 1024;

  /** Derby log written between two checkpoints (default 10 MB; Derby's maximum is 128,000,000). */
  static final int DERBY_CHECKPOINT_BYTES = 128_000_000;

  enum Vendor {
    DERBY("classpath:db/migration/derby"),
    POSTGRESQL("classpath:db/migration/postgresql");

    final String migrations;

    Vendor(String migrations) {
      this.migrations = migrations;
    }
  }

  private final Vendor vendor;
  private final String url;
  private final String user;
  private final String password;
  private final String description;
  private Connection connection;
  private HikariDataSource pool;

  private StoreDatabase(
      Vendor vendor, String url, String user, String password, String description) {
    this.vendor = vendor;
    this.url = url;
    this.user = user;
    this.password = password;
    this.description = description;
  }

  static StoreDatabase open(DatabaseLocation location) {
    StoreDatabase db;
    if (location instanceof DatabaseLocation.Derby derby) {
      Path dir = derby.dataDir().toAbsolutePath().normalize();
      if (dir.toString().contains(";")) {
        throw new IllegalArgumentException("KDC data directory must not contain ';': " + dir);
      }
      ensureWritableDirectory(dir);
      configureDerbyLog(dir);
      Path databaseDir = dir.resolve("db");
      db =
          new StoreDatabase(
              Vendor.DERBY,
              "jdbc:derby:" + databaseDir + ";create=true",
              null,
              null,
              "KDC database at " + databaseDir);
    } else {
      DatabaseLocation.Postgresql pg = (DatabaseLocation.Postgresql) location;
      db =
          new StoreDatabase(
              Vendor.POSTGRESQL,
              pg.url(),
              pg.user(),
              pg.password(),
              "KDC database " + DatabaseLocation.maskPassword(pg.url()));
    }
    db.migrate();
    try {
      db.connection = db.connect();
      if (db.vendor == Vendor.DERBY) {
        setDerbyLogIntervals(db.connection);
      }
      db.pool = db.openPool();
      return db;
    } catch (SQLException e) {
      throw new KdcStoreException(
          "cannot open the "
              + db.description
              + (db.vendor == Vendor.DERBY
                  ? " (is another KDC process using this data directory?): "
                  : ": ")
              + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      db.closeConnectionQuietly();
      throw new KdcStoreException("cannot open a connection pool to the " + db.description, e);
    }
  }

  /**
   * Derby switches to a new log file every 1 MB and checkpoints every 10 MB by default, which the
   * session-key load (about 1 KB of log per issued key) turns into several log switches a second;
   * larger intervals gave 3–16 % more issuances per second (docs/benchmarks.md). Stored in the
   * database; a {@code -Dderby.storage.…} system property still overrides them.
   */
  private static void setDerbyLogIntervals(Connection c) throws SQLException {
    try (CallableStatement call =
        c.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
      call.setString(1, "derby.storage.logSwitchInterval");
      call.setString(2, Integer.toString(DERBY_LOG_SWITCH_BYTES));
      call.execute();
      call.setString(1, "derby.storage.checkpointInterval");
      call.setString(2, Integer.toString(DERBY_CHECKPOINT_BYTES));
      call.execute();
    }
    c.commit();
  }

  private HikariDataSource openPool() {
    HikariConfig config = new HikariConfig();
    config.setPoolName("kdc-store");
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    if (vendor == Vendor.POSTGRESQL) {
      config.addDataSourceProperty("ApplicationName", "kdcmail-kdc");
    }
    config.setAutoCommit(false);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(2);
    config.setConnectionTimeout(POOL_WAIT_MILLIS);
    return new HikariDataSource(config);
  }

  /**
   * Runs {@code work} on a pooled connection in one transaction and commits (a read-only
   * transaction commits too, which ends it and releases its locks).
   *
   * @throws KdcStoreException naming {@code operation} when the work or the commit fails (the
   *     transaction is rolled back)
   */
  <T> T inPooledTransaction(String operation, SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new KdcStoreException(description + ": cannot " + operation + ": " + e.getMessage(), e);
    }
  }

  /** A pooled connection (READ COMMITTED, autocommit off); the caller commits and closes it. */
  Connection pooledConnection() throws SQLException {
    return pool.getConnection();
  }

  static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the caller reports
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    if (vendor == Vendor.POSTGRESQL) {
      properties.setProperty("ApplicationName", "kdcmail-kdc");
    }
    Connection c = DriverManager.getConnection(url, properties);
    c.setAutoCommit(false);
    c.setTransactionIsolation(
        vendor == Vendor.DERBY
            ? Connection.TRANSACTION_SERIALIZABLE
            : Connection.TRANSACTION_READ_COMMITTED);
    return c;
  }

  private void migrate() {
    try {
      Flyway.configure()
          .dataSource(url, user, password)
          .locations(vendor.migrations)
          // A schema from a newer kdcmail is refused, not used with SQL that does not know it
          // (Flyway ignores such "future" versions by default).
          .ignoreMigrationPatterns(new String[0])
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new KdcStoreException(
          "cannot migrate the "
              + description
              + (vendor == Vendor.DERBY
                  ? " (another KDC process may hold it, or it was written by a newer kdcmail): "
                  : " (is the server reachable, may this user create tables, or was it written by"
                      + " a newer kdcmail?): ")
              + DatabaseLocation.maskPassword(e.getMessage()),
          e);
    }
  }

  Vendor vendor() {
    return vendor;
  }

  /** The connection, reopened first if a PostgreSQL connection was lost. Call under the monitor. */
  Connection connection() {
    if (vendor == Vendor.POSTGRESQL) {
      try {
        if (connection == null || connection.isClosed()) {
          connection = connect();
        }
      } catch (SQLException e) {
        throw failure("reconnect", e);
      }
    }
    return connection;
  }

  /** How error messages name this database (no password). */
  String description() {
    return description;
  }

  /** Wraps a failure of {@code operation} with the database's name. */
  KdcStoreException failure(String operation, SQLException e) {
    if (vendor == Vendor.POSTGRESQL
        && e.getSQLState() != null
        && e.getSQLState().startsWith("08")) {
      closeConnectionQuietly(); // reopened by the next operation
    }
    return new KdcStoreException(description + ": cannot " + operation + ": " + e.getMessage(), e);
  }

  void rollbackQuietly() {
    try {
      if (connection != null && !connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException ignored) {
      // the original failure is what the caller reports
    }
  }

  private void closeConnectionQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // it is being discarded
    }
    connection = null;
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.close();
    }
    rollbackQuietly();
    closeConnectionQuietly();
    if (vendor != Vendor.DERBY) {
      return;
    }
    String base = url.substring(0, url.indexOf(";create=true"));
    try {
      DriverManager.getConnection(base + ";shutdown=true").close();
    } catch (SQLException e) {
      // Derby reports a successful shutdown as an exception: 08006 (database), XJ015 (engine).
      if (!"08006".equals(e.getSQLState()) && !"XJ015".equals(e.getSQLState())) {
        throw failure("shut down", e);
      }
    }
  }

  private static void ensureWritableDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new KdcStoreException(
          "cannot create the KDC data directory " + dir + " (" + e + "); check its permissions", e);
    }
    if (!Files.isWritable(dir)) {
      throw new KdcStoreException("the KDC data directory " + dir + " is not writable");
    }
  }

  private static void configureDerbyLog(Path dir) {
    if (System.getProperty("derby.stream.error.file") == null
        && System.getProperty("derby.system.home") == null) {
      System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
      System.setProperty("derby.infolog.append", "true");
    }
  }
}
