package org.kdcmail.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientPathsTest {

  @Test
  void storeFile_isUnderUsersFolderOfHome() {
    Path home = Path.of("/tmp/kdcmail-home");
    assertThat(new ClientPaths(home).storeFile("alice@corp"))
        .isEqualTo(home.resolve("users/alice@corp/client.store"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "a/b", "..", "a..b", "../x", ".hidden", "-x", "a\\b", "a\u0000b", "a\nb"})
  void folderName_unsafeName_isRefused(String name) {
    assertThatThrownBy(() -> ClientPaths.folderName(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username");
  }
}
