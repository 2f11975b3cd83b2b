package org.kdcmail.kdc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KdcPathsTest {
  private final Path home = Path.of("home").toAbsolutePath();

  @Test
  void underHome_oneFolder_holdsEverything() {
    KdcPaths paths = KdcPaths.underHome(home);

    assertThat(paths.root()).isEqualTo(home.resolve("kdc"));
    assertThat(paths.settings()).isEqualTo(home.resolve("kdc/kdc.properties"));
    assertThat(paths.kekFile()).isEqualTo(home.resolve("kdc/kek.wrapped"));
    assertThat(paths.store()).isEqualTo(home.resolve("kdc/store"));
    assertThat(paths.keyBank()).isEqualTo(home.resolve("kdc/keybank"));
  }

  @Test
  void withData_separateFolder_movesOnlyTheDatabases() {
    Path data = Path.of("data").toAbsolutePath();

    KdcPaths paths = KdcPaths.underHome(home).withData(data);

    assertThat(paths.settings()).isEqualTo(home.resolve("kdc/kdc.properties"));
    assertThat(paths.kekFile()).isEqualTo(home.resolve("kdc/kek.wrapped"));
    assertThat(paths.store()).isEqualTo(data.resolve("store"));
    assertThat(paths.keyBank()).isEqualTo(data.resolve("keybank"));
  }
}
