package org.kdcmail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeDirectoryTest {
  private static final Path USER_HOME = Path.of("/home/someone");

  @Test
  void resolve_optionGiven_winsOverEnvironment() {
    HomeDirectory home =
        HomeDirectory.resolve(Path.of("/srv/k"), Map.of("KDCMAIL_HOME", "/env/k"), USER_HOME);
    assertThat(home.path()).isEqualTo(Path.of("/srv/k"));
    assertThat(home.origin()).isEqualTo(HomeDirectory.Origin.OPTION);
  }

  @Test
  void resolve_environmentOnly_usesEnvironment() {
    HomeDirectory home = HomeDirectory.resolve(null, Map.of("KDCMAIL_HOME", "/env/k"), USER_HOME);
    assertThat(home.path()).isEqualTo(Path.of("/env/k"));
    assertThat(home.describeOrigin()).isEqualTo("from KDCMAIL_HOME");
  }

  @Test
  void resolve_blankEnvironment_fallsBackToDotKdcmail() {
    HomeDirectory home = HomeDirectory.resolve(null, Map.of("KDCMAIL_HOME", " "), USER_HOME);
    assertThat(home.path()).isEqualTo(Path.of("/home/someone/.kdcmail"));
    assertThat(home.origin()).isEqualTo(HomeDirectory.Origin.DEFAULT);
  }

  @Test
  void resolve_relativeOption_becomesAbsolute() {
    HomeDirectory home = HomeDirectory.resolve(Path.of("rel/dir"), Map.of(), USER_HOME);
    assertThat(home.path().isAbsolute()).isTrue();
    assertThat(home.path().endsWith(Path.of("rel/dir"))).isTrue();
  }

  @Test
  void ensureExists_missingFolder_createsItOwnerOnly(@TempDir Path tmp) throws Exception {
    HomeDirectory home = HomeDirectory.resolve(tmp.resolve("a/b"), Map.of(), USER_HOME);
    Path created = home.ensureExists();
    assertThat(created).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
        .isEqualTo("rwx------");
  }
}
