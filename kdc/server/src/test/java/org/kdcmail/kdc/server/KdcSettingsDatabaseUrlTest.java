package org.kdcmail.kdc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.server.store.DatabaseLocation;

class KdcSettingsDatabaseUrlTest {
  @TempDir Path dir;

  @Test
  void defaults_embeddedDerbyInKdcFolder() {
    KdcSettings settings = KdcSettings.defaults("n1");
    assertThat(settings.databaseUrl()).isEmpty();
    assertThat(settings.embeddedDatabase()).isTrue();
    KdcPaths paths = new KdcPaths(dir);
    assertThat(settings.databaseLocation(paths, Map.of()))
        .isEqualTo(DatabaseLocation.derby(paths.store()));
  }

  @Test
  void writeRead_keepsDatabaseUrl() throws Exception {
    Path file = dir.resolve("kdc.properties");
    KdcSettings settings =
        KdcSettings.defaults("n1").withDatabaseUrl("jdbc:postgresql://db.corp/kdc");
    settings.write(file);
    assertThat(KdcSettings.read(file)).isEqualTo(settings);
    assertThat(KdcSettings.read(file).embeddedDatabase()).isFalse();
  }

  @Test
  void read_olderFileWithoutDatabaseUrl_derby() throws Exception {
    Path file = dir.resolve("kdc.properties");
    KdcSettings.defaults("n1").write(file);
    String text =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.startsWith("database-url"))
            .reduce("", (a, b) -> a + b + "\n");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    assertThat(KdcSettings.read(file).databaseUrl()).isEmpty();
  }

  @Test
  void toString_masksPasswordInUrl() {
    KdcSettings settings =
        KdcSettings.defaults("n1")
            .withDatabaseUrl("jdbc:postgresql://db/kdc?user=kdc&password=hunter2");
    assertThat(settings.toString())
        .doesNotContain("hunter2")
        .contains("jdbc:postgresql://db/kdc?user=kdc&password=***");
  }

  @Test
  void otherJdbcScheme_rejected() {
    assertThatThrownBy(() -> KdcSettings.defaults("n1").withDatabaseUrl("jdbc:mysql://db/kdc"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
