package org.kdcmail.qrng.bank;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The key bank in a PostgreSQL database that several KDC nodes share. The schema is migrated by
 * Flyway from {@code classpath:db/keybank/postgresql} with its own history table {@value
 * #HISTORY_TABLE}, so it can live in the same database (and schema) as the KDC store. A reservation
 * is one statement, {@code DELETE … WHERE slot IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …}:
 * pages locked by another node's reservation are skipped rather than waited for, and a page is
 * returned only to the transaction that deleted it, so two nodes never hold the same key.
 */
final class PostgresqlBankDatabase implements BankDatabase {
  /** Flyway's history table for the bank (the store keeps Flyway's default one). */
  static final String HISTORY_TABLE = "kb_flyway_history";

  static final String MIGRATIONS = "classpath:db/keybank/postgresql";

  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)((?:[?&;])password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?&;]*:)[^@/]*@");

  private final String url;
  private final String user;
  private final String password;

  PostgresqlBankDatabase(String url, String user, String password) {
    this.url = Objects.requireNonNull(url, "url");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "key bank database URL must start with 'jdbc:postgresql:', got " + masked(url));
    }
    this.user = user;
    this.password = password;
  }

  @Override
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", "kdcmail-keybank");
    Connection c = DriverManager.getConnection(url, properties);
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    return c;
  }

  /** Migrates with Flyway; an existing KDC store in the same schema is left alone. */
  @Override
  public void prepareSchema(Connection unused) {
    try {
      Flyway.configure()
          .dataSource(url, user, password)
          .locations(MIGRATIONS)
          .table(HISTORY_TABLE)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new KeyBankStorageException(
          "cannot migrate the "
              + this
              + " (is the server reachable, may this user create tables, or was it written by a"
              + " newer kdcmail?): "
              + masked(String.valueOf(e.getMessage())),
          e);
    }
  }

  @Override
  public List<StoredKey> reservePages(Connection reader, int max) throws SQLException {
    List<StoredKey> keys = new ArrayList<>(max + JdbcKeyStore.PAGE_KEYS);
    try (PreparedStatement ps =
        reader.prepareStatement(
            "DELETE FROM kb_page WHERE slot IN (SELECT slot FROM kb_page ORDER BY slot"
                + " FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED)"
                + " RETURNING slot, batch_id, first_seq, key_count, sealed_keys")) {
      ps.setInt(1, JdbcKeyStore.pagesFor(max));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JdbcKeyStore.addPage(keys, rs);
        }
      }
    }
    keys.sort(Comparator.comparingLong(StoredKey::slot).thenComparingInt(StoredKey::sequence));
    return keys;
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public String hint() {
    return "check that the PostgreSQL server is reachable and the database user's rights";
  }

  @Override
  public void shutdown() {
    // Nothing to release beyond the connections: the server keeps running.
  }

  /** {@code text} with any password in a URL replaced by {@code ***}. */
  static String masked(String text) {
    String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }

  @Override
  public String toString() {
    return "key bank database "
        + masked(url)
        + (user == null ? "" : " as " + user)
        + (password == null ? "" : " (password set)");
  }
}
