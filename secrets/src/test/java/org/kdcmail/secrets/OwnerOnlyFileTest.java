package org.kdcmail.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileTest {
  private static final byte[] CONTENT = {1, 2, 3, 4};

  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
  }

  /** {@code file} holds {@code content}, is rw------- and is alone in {@link #dir}. */
  private void assertOnlyOwnerOnlyFile(Path file, byte[] content) throws IOException {
    assertThat(Files.readAllBytes(file)).isEqualTo(content);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void writeAtomically_fileIsOwnerOnly_noTemporaryLeft() throws IOException {
    Path file = dir.resolve("store");
    OwnerOnlyFile.writeAtomically(file, CONTENT);
    assertOnlyOwnerOnlyFile(file, CONTENT);
  }

  @Test
  void writeAtomically_replacesExistingFile() throws IOException {
    Path file = dir.resolve("store");
    OwnerOnlyFile.writeAtomically(file, CONTENT);
    OwnerOnlyFile.writeAtomically(file, new byte[] {9});
    assertOnlyOwnerOnlyFile(file, new byte[] {9});
  }

  @Test
  void writeAtomically_createsMissingDirectories() throws IOException {
    Path file = dir.resolve("a/b/store");
    OwnerOnlyFile.writeAtomically(file, CONTENT);
    assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
  }

  @Test
  void createNew_fileIsOwnerOnly_noTemporaryLeft() throws IOException {
    Path file = dir.resolve("kek.wrapped");
    OwnerOnlyFile.createNew(file, CONTENT);
    assertOnlyOwnerOnlyFile(file, CONTENT);
  }

  @Test
  void createNew_existingFile_refusesToReplace() throws IOException {
    Path file = dir.resolve("kek.wrapped");
    OwnerOnlyFile.createNew(file, CONTENT);
    assertThatThrownBy(() -> OwnerOnlyFile.createNew(file, new byte[] {9}))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertOnlyOwnerOnlyFile(file, CONTENT);
  }

  @Test
  void requireOwnerOnly_ownerOnlyFile_passes() throws IOException {
    Path file = dir.resolve("store");
    OwnerOnlyFile.writeAtomically(file, CONTENT);
    OwnerOnlyFile.requireOwnerOnly(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    OwnerOnlyFile.requireOwnerOnly(file);
  }

  @Test
  void requireOwnerOnly_groupReadable_refusedWithChmodAdvice() throws IOException {
    Path file = dir.resolve("admin.token");
    OwnerOnlyFile.writeAtomically(file, CONTENT);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> OwnerOnlyFile.requireOwnerOnly(file, "admin token file"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(
            "admin token file "
                + file
                + " is accessible to group or others (rw-r-----); refusing to use it."
                + " Run: chmod 600 "
                + file);
  }

  @Test
  void requireOwnerOnly_anyGroupOrOtherPermission_refused() throws IOException {
    Path file = dir.resolve("store");
    OwnerOnlyFile.writeAtomically(file, CONTENT);
    for (String perms : new String[] {"rw--w----", "rw---x---", "rw----r--", "rw------x"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
      assertThatThrownBy(() -> OwnerOnlyFile.requireOwnerOnly(file))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("chmod 600 " + file);
    }
  }

  @Test
  void requireOwnerOnly_missingFile_noSuchFile() {
    assertThatThrownBy(() -> OwnerOnlyFile.requireOwnerOnly(dir.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
