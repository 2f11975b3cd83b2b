package org.kdcmail.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
  private static final String ALICE = "alice@example.test";

  @TempDir Path home;

  @Test
  void readOrCreate_writes64HexDigitsOwnerOnly_andReturnsTheSameTokenLater() throws Exception {
    TokenFile file = TokenFile.forUser(home, ALICE);
    assertThat(file.path()).isEqualTo(home.resolve("users").resolve(ALICE).resolve("unlock.token"));
    assertThat(file.read()).isEmpty();
    UnlockToken made = file.readOrCreate(new SecureRandom());
    String content = Files.readString(file.path(), StandardCharsets.US_ASCII);
    assertThat(content).matches("[0-9a-f]{64}");
    assertThat(Files.getPosixFilePermissions(file.path()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(file.readOrCreate(new SecureRandom()).matches(made)).isTrue();
    assertThat(file.read().orElseThrow().matches(made)).isTrue();
  }

  @Test
  void read_fileOthersCanRead_isRefusedWithTheFix() throws Exception {
    TokenFile file = TokenFile.forUser(home, ALICE);
    file.readOrCreate(new SecureRandom());
    Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(file::read)
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void read_damagedFile_saysDeleteIt() throws Exception {
    TokenFile file = TokenFile.control(home);
    Files.createDirectories(file.path().getParent());
    Files.writeString(file.path(), "xyz");
    Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(file::read).hasMessageContaining("damaged").hasMessageContaining("delete");
  }

  @Test
  void replace_writesAnotherToken() throws Exception {
    TokenFile file = TokenFile.control(home);
    UnlockToken first = file.replace(new SecureRandom());
    UnlockToken second = file.replace(new SecureRandom());
    assertThat(first.matches(second)).isFalse();
    assertThat(file.read().orElseThrow().matches(second)).isTrue();
  }

  @Test
  void token_parseIsStrictAndToStringRedacted() {
    UnlockToken t = UnlockToken.generate(new SecureRandom());
    assertThat(UnlockToken.parse(" " + t.hex() + "\n").matches(t)).isTrue();
    assertThat(t.toString()).doesNotContain(t.hex());
    assertThatThrownBy(() -> UnlockToken.parse(t.hex().substring(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UnlockToken.parse("g" + t.hex().substring(1)))
        .isInstanceOf(IllegalArgumentException.class);
    t.destroy();
    assertThatThrownBy(t::hex).isInstanceOf(IllegalStateException.class);
  }
}
