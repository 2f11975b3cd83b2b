package org.kdcmail.kdc.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.admin.AdminToken;

class AdminTokenFileTest {

  @TempDir Path kdcDir;

  @Test
  void create_fileIsOwnerOnlyHexAndReadsBack() throws IOException {
    AdminToken token = AdminTokenFile.create(kdcDir, new SecureRandom());
    Path file = kdcDir.resolve(AdminToken.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).matches("[0-9a-f]{64}\n");
    assertThat(AdminToken.read(kdcDir).matches(token)).isTrue();
    try (var files = Files.list(kdcDir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void create_again_replacesToken() throws IOException {
    AdminToken first = AdminTokenFile.create(kdcDir, new SecureRandom());
    AdminToken second = AdminTokenFile.create(kdcDir, new SecureRandom());
    AdminToken read = AdminToken.read(kdcDir);
    assertThat(read.matches(second)).isTrue();
    assertThat(read.matches(first)).isFalse();
  }

  @Test
  void read_groupReadableFile_refusedWithChmodAdvice() throws IOException {
    AdminTokenFile.create(kdcDir, new SecureRandom());
    Path file = kdcDir.resolve(AdminToken.FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> AdminToken.read(kdcDir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("chmod 600 " + file)
        .hasMessageNotContaining(Files.readString(file).strip());
  }

  @Test
  void read_missingFile_saysSo() {
    assertThatThrownBy(() -> AdminToken.read(kdcDir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void token_toStringRedacted() throws IOException {
    AdminToken token = AdminTokenFile.create(kdcDir, new SecureRandom());
    assertThat(token.toString()).doesNotContain(token.hex()).contains("redacted");
  }
}
