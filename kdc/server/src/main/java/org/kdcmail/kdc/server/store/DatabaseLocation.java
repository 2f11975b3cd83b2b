package org.kdcmail.kdc.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the KDC store lives: an embedded Derby database in a folder (the default), or a PostgreSQL
 * database named by a JDBC URL, shared by every KDC node pointed at it. Credentials for PostgreSQL
 * come from the environment or a file, never from the settings file, and {@link #toString()} never
 * shows a password.
 */
public sealed interface DatabaseLocation {

  /** Environment variable with the PostgreSQL user name. */
  String USER_ENV = "KDCMAIL_DB_USER";

  /** Environment variable with the PostgreSQL password. */
  String PASSWORD_ENV = "KDCMAIL_DB_PASSWORD";

  /** Environment variable naming a file whose first line is the PostgreSQL password. */
  String PASSWORD_FILE_ENV = "KDCMAIL_DB_PASSWORD_FILE";

  /** The embedded Derby database in {@code dataDir/db}. */
  static DatabaseLocation derby(Path dataDir) {
    return new Derby(dataDir);
  }

  /** A PostgreSQL database; {@code user} and {@code password} may be null (e.g. trust, .pgpass). */
  static DatabaseLocation postgresql(String url, String user, String password) {
    return new Postgresql(url, user, password);
  }

  /**
   * The location a KDC's settings describe: Derby in {@code dataDir} when {@code databaseUrl} is
   * empty, else the PostgreSQL URL with credentials from {@code env} ({@value #USER_ENV}, {@value
   * #PASSWORD_ENV} or {@value #PASSWORD_FILE_ENV}).
   */
  static DatabaseLocation fromSettings(String databaseUrl, Path dataDir, Map<String, String> env) {
    if (databaseUrl == null || databaseUrl.isBlank()) {
      return derby(dataDir);
    }
    String password = env.get(PASSWORD_ENV);
    String passwordFile = env.get(PASSWORD_FILE_ENV);
    if ((password == null || password.isEmpty())
        && passwordFile != null
        && !passwordFile.isBlank()) {
      try {
        password =
            Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElse("");
      } catch (IOException e) {
        throw new KdcStoreException(
            "cannot read the database password file named by " + PASSWORD_FILE_ENV + ": " + e, e);
      }
    }
    String user = env.get(USER_ENV);
    return postgresql(
        databaseUrl.trim(),
        user == null || user.isEmpty() ? null : user,
        password == null || password.isEmpty() ? null : password);
  }

  /**
   * {@code url} with any password parameter or user-info password replaced by {@code ***}, for logs
   * and error messages.
   */
  static String maskPassword(String url) {
    if (url == null) {
      return null;
    }
    String masked = Masking.PARAMETER.matcher(url).replaceAll("$1***");
    return Masking.USER_INFO.matcher(masked).replaceAll("$1***@");
  }

  /** The embedded Derby database in {@code dataDir/db}. */
  record Derby(Path dataDir) implements DatabaseLocation {
    public Derby {
      Objects.requireNonNull(dataDir, "dataDir");
    }

    @Override
    public String toString() {
      return "Derby database in " + dataDir.toAbsolutePath().normalize().resolve("db");
    }
  }

  /** A PostgreSQL database at {@code url} ({@code jdbc:postgresql://host:port/database}). */
  record Postgresql(String url, String user, String password) implements DatabaseLocation {
    public Postgresql {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "database URL must start with 'jdbc:postgresql:' (empty for the embedded Derby"
                + " database), got "
                + maskPassword(url));
      }
    }

    @Override
    public String toString() {
      return "PostgreSQL database "
          + maskPassword(url)
          + (user == null ? "" : " as " + user)
          + (password == null ? "" : " (password set)");
    }
  }

  /** Patterns for {@link #maskPassword}. */
  final class Masking {
    static final Pattern PARAMETER = Pattern.compile("(?i)((?:[?&;])password=)[^&;]*");
    static final Pattern USER_INFO = Pattern.compile("(//[^/:@?&;]*:)[^@/]*@");

    private Masking() {}
  }
}
