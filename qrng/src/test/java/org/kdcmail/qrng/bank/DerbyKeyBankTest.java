package org.kdcmail.qrng.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key bank contract on embedded Derby, plus what only a folder can get wrong. */
class DerbyKeyBankTest extends KeyBankContract {
  @TempDir Path dir;

  @Override
  KeyBankBuilder at(KeyBankBuilder builder) {
    return builder.directory(dir);
  }

  @Test
  void open_unusableDirectory_failsWithStorageErrorNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertThatThrownBy(() -> BankFixture.builder(file, generator).open())
        .isInstanceOf(KeyBankStorageException.class)
        .isNotInstanceOf(KeyBankIntegrityException.class)
        .hasMessageContaining("cannot open the key bank database at")
        .hasMessageContaining("not-a-dir")
        .hasNoSuppressedExceptions();
    assertThat(Path.of("null")).as("Derby's half-made database in the working dir").doesNotExist();
  }

  @Test
  void open_neitherDirectoryNorDatabase_isRejected() {
    assertThatThrownBy(() -> BankFixture.builder(generator).open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("directory or postgresql");
  }

  @Test
  void open_storesLargerLogIntervalsInTheDatabase() throws Exception {
    at(BankFixture.builder(generator)).open().close();

    Path db = dir.toAbsolutePath().resolve("db");
    try (Connection c = DriverManager.getConnection("jdbc:derby:" + db);
        PreparedStatement st =
            c.prepareStatement("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)")) {
      st.setString(1, "derby.storage.logSwitchInterval");
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(Integer.toString(64 * 1024 * 1024));
      }
      st.setString(1, "derby.storage.checkpointInterval");
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("128000000");
      }
    } finally {
      try {
        DriverManager.getConnection("jdbc:derby:" + db + ";shutdown=true").close();
      } catch (SQLException expected) {
        assertThat(expected.getSQLState()).isEqualTo("08006");
      }
    }
  }
}
