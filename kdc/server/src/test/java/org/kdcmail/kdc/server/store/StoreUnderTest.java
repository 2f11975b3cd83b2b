package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.kdcmail.testing.TestPostgres;

/**
 * The database a store contract test runs on: one per test, Derby in the test's temp folder or a
 * fresh database in the JVM's throwaway PostgreSQL cluster. Raw JDBC access (autocommit on) is for
 * tamper tests and is used with the store closed.
 */
abstract class StoreUnderTest {
  interface JdbcWork {
    void run(Connection c) throws SQLException;
  }

  /** Where the store lives; the same database at every call. */
  abstract DatabaseLocation location();

  /** Runs {@code work} on the database over a separate connection (store closed). */
  abstract void withJdbc(JdbcWork work) throws SQLException;

  /** The folder holding the database's files when only this test uses them (Derby). */
  abstract Optional<Path> files();

  static StoreUnderTest derby(Path dataDir) {
    return new StoreUnderTest() {
      @Override
      DatabaseLocation location() {
        return DatabaseLocation.derby(dataDir);
      }

      @Override
      void withJdbc(JdbcWork work) throws SQLException {
        Path db = dataDir.toAbsolutePath().resolve("db");
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db)) {
          work.run(c);
        }
        try {
          DriverManager.getConnection("jdbc:derby:" + db + ";shutdown=true");
        } catch (SQLException expected) {
          assertThat(expected.getSQLState()).isEqualTo("08006");
        }
      }

      @Override
      Optional<Path> files() {
        return Optional.of(dataDir);
      }

      @Override
      public String toString() {
        return "Derby";
      }
    };
  }

  /** A fresh database in the shared throwaway cluster. */
  static StoreUnderTest postgresql() {
    TestPostgres cluster = TestPostgres.shared();
    String url = cluster.newDatabase();
    return new StoreUnderTest() {
      @Override
      DatabaseLocation location() {
        return DatabaseLocation.postgresql(url, TestPostgres.USER, null);
      }

      @Override
      void withJdbc(JdbcWork work) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, null)) {
          work.run(c);
        }
      }

      @Override
      Optional<Path> files() {
        return Optional.empty();
      }

      @Override
      public String toString() {
        return "PostgreSQL " + url;
      }
    };
  }
}
