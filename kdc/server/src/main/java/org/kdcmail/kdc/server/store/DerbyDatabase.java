package org.kdcmail.kdc.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * One embedded Derby database in {@code dataDir/db}, migrated by Flyway from {@code
 * classpath:db/migration/derby}, with one connection (autocommit off) used under this object's
 * monitor. Sends {@code derby.log} to {@code dataDir/derby.log} unless Derby was configured by the
 * application. Closing shuts down only this database (SQLState 08006 means success).
 */
final class DerbyDatabase implements AutoCloseable {
  private final Path databaseDir;
  private final Connection connection;

  private DerbyDatabase(Path databaseDir, Connection connection) {
    this.databaseDir = databaseDir;
    this.connection = connection;
  }

  static DerbyDatabase open(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    if (dir.toString().contains(";")) {
      throw new IllegalArgumentException("KDC data directory must not contain ';': " + dir);
    }
    ensureWritableDirectory(dir);
    configureDerbyLog(dir);
    Path databaseDir = dir.resolve("db");
    String url = "jdbc:derby:" + databaseDir + ";create=true";
    migrate(url, databaseDir);
    try {
      Connection connection = DriverManager.getConnection(url);
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      return new DerbyDatabase(databaseDir, connection);
    } catch (SQLException e) {
      throw new KdcStoreException(
          "cannot open the KDC database at "
              + databaseDir
              + " (is another KDC process using this data directory?): "
              + e.getMessage(),
          e);
    }
  }

  private static void migrate(String url, Path databaseDir) {
    try {
      Flyway.configure()
          .dataSource(url, null, null)
          .locations("classpath:db/migration/derby")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new KdcStoreException(
          "cannot migrate the KDC database at "
              + databaseDir
              + " (another KDC process may hold it, or it was written by a newer kdcmail): "
              + e.getMessage(),
          e);
    }
  }

  Connection connection() {
    return connection;
  }

  Path databaseDir() {
    return databaseDir;
  }

  /** Wraps a failure of {@code operation} with the database path. */
  KdcStoreException failure(String operation, SQLException e) {
    return new KdcStoreException(
        "KDC database at " + databaseDir + ": cannot " + operation + ": " + e.getMessage(), e);
  }

  void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is what the caller reports
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.rollback();
      connection.close();
    } catch (SQLException ignored) {
      // shutting down below releases everything anyway
    }
    try {
      DriverManager.getConnection("jdbc:derby:" + databaseDir + ";shutdown=true").close();
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
