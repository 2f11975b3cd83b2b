package org.kdcmail.qrng.bank;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where a key bank's tables live and what differs between the databases that can hold them: how to
 * connect, how the schema is created, and how a block of pages is reserved. Everything else is the
 * same SQL in {@link JdbcKeyStore}. {@link #toString()} names the database without any password.
 */
sealed interface BankDatabase permits DerbyBankDatabase, PostgresqlBankDatabase {

  /** A new connection with autocommit off. */
  Connection connect() throws SQLException;

  /** Creates the schema on first use or checks its version, through {@code connection}. */
  void prepareSchema(Connection connection) throws SQLException;

  /**
   * Removes whole pages, oldest first, until at least {@code max} keys (or all) are selected, and
   * returns their keys, without committing. Two reservations never return the same page.
   */
  List<StoredKey> reservePages(Connection connection, int max) throws SQLException;

  /**
   * Whether other bank instances (other KDC nodes) may take and store keys in the same database, so
   * the stored-key count must be re-read instead of tracked locally.
   */
  boolean shared();

  /** What to check when an operation fails, appended to error messages. */
  String hint();

  /** Releases the database after both connections are closed (Derby: shuts it down). */
  void shutdown();
}
