package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseLocationTest {
  @TempDir Path dir;

  @Test
  void fromSettings_emptyUrl_derbyInDataDir() {
    assertThat(DatabaseLocation.fromSettings("", dir, Map.of()))
        .isEqualTo(DatabaseLocation.derby(dir));
    assertThat(DatabaseLocation.fromSettings(null, dir, Map.of()))
        .isInstanceOf(DatabaseLocation.Derby.class);
  }

  @Test
  void fromSettings_url_credentialsFromEnvironment() {
    DatabaseLocation location =
        DatabaseLocation.fromSettings(
            "jdbc:postgresql://db.corp:5432/kdc",
            dir,
            Map.of(DatabaseLocation.USER_ENV, "kdc", DatabaseLocation.PASSWORD_ENV, "s3cret!"));
    assertThat(location)
        .isEqualTo(
            DatabaseLocation.postgresql("jdbc:postgresql://db.corp:5432/kdc", "kdc", "s3cret!"));
    assertThat(location.toString()).doesNotContain("s3cret").contains("password set");
  }

  @Test
  void fromSettings_passwordFile_firstLine() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "from-file\nignored\n", StandardCharsets.UTF_8);
    DatabaseLocation.Postgresql location =
        (DatabaseLocation.Postgresql)
            DatabaseLocation.fromSettings(
                "jdbc:postgresql://db/kdc",
                dir,
                Map.of(DatabaseLocation.PASSWORD_FILE_ENV, file.toString()));
    assertThat(location.password()).isEqualTo("from-file");
    assertThat(location.user()).isNull();
  }

  @Test
  void maskPassword_parameterAndUserInfo() {
    assertThat(
            DatabaseLocation.maskPassword(
                "jdbc:postgresql://h/kdc?user=kdc&password=top$ecret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/kdc?user=kdc&password=***&ssl=true");
    assertThat(DatabaseLocation.maskPassword("jdbc:postgresql://h/kdc?PASSWORD=x"))
        .isEqualTo("jdbc:postgresql://h/kdc?PASSWORD=***");
    assertThat(DatabaseLocation.maskPassword("postgresql://kdc:hunter2@h/kdc"))
        .isEqualTo("postgresql://kdc:***@h/kdc");
    assertThat(DatabaseLocation.maskPassword("jdbc:postgresql://h:5432/kdc"))
        .isEqualTo("jdbc:postgresql://h:5432/kdc");
  }

  @Test
  void postgresql_otherScheme_rejectedWithoutShowingPassword() {
    assertThatThrownBy(
            () -> DatabaseLocation.postgresql("jdbc:mysql://h/k?password=pw", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:")
        .hasMessageNotContaining("=pw");
  }

  @Test
  void open_unreachableServer_failsWithoutPassword() {
    assertThatThrownBy(
            () ->
                KdcStore.open(
                    DatabaseLocation.postgresql(
                        "jdbc:postgresql://127.0.0.1:1/kdc?password=pw-in-url&connectTimeout=2",
                        "kdc",
                        "pw-from-env"),
                    org.kdcmail.kdc.server.kek.TestRandom.kek()))
        .isInstanceOf(KdcStoreException.class)
        .hasMessageNotContaining("pw-in-url")
        .hasMessageNotContaining("pw-from-env");
  }
}
