package org.kdcmail.kdc.server.kek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;

class KekFileTest {
  @TempDir Path dir;

  private KekFile file() {
    return KekFile.builder(dir.resolve(KekFile.FILE_NAME))
        .argon2(TestRandom.CHEAP)
        .random(new TestRandom())
        .build();
  }

  @Test
  void unlock_afterCreate_returnsSameKek() throws Exception {
    KdcKek created = file().create("correct horse".toCharArray());
    KdcKek unlocked = file().unlock("correct horse".toCharArray());
    assertThat(unlocked).isEqualTo(created);
    assertThat(unlocked.toString()).doesNotContain("0x").contains("redacted");
    assertThat(Files.size(file().path())).isEqualTo(KekFile.FILE_BYTES);
  }

  @Test
  void unlock_wrongPassphrase_saysPassphraseIsWrong() {
    file().create("correct horse".toCharArray());
    assertThatThrownBy(() -> file().unlock("battery staple".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageContaining("admin passphrase is wrong");
  }

  @Test
  void create_fileIsOwnerOnly() throws Exception {
    file().create("pw".toCharArray());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().path())))
        .isEqualTo("rw-------");
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file().path());
    }
  }

  @Test
  void create_existingFile_refusesToReplace() {
    file().create("pw".toCharArray());
    assertThatThrownBy(() -> file().create("pw".toCharArray()))
        .isInstanceOf(KekFileException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void unlock_missingFile_saysRunInit() {
    assertThatThrownBy(() -> file().unlock("pw".toCharArray()))
        .isInstanceOf(KekFileException.class)
        .hasMessageContaining("kdc init");
  }

  @Test
  void unlock_groupReadable_refused() throws Exception {
    file().create("pw".toCharArray());
    Files.setPosixFilePermissions(file().path(), PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> file().unlock("pw".toCharArray()))
        .isInstanceOf(KekFileException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void unlock_anyFlippedBit_rejects() throws Exception {
    file().create("pw".toCharArray());
    byte[] original = Files.readAllBytes(file().path());
    for (int bit = 0; bit < original.length * 8; bit++) {
      byte[] flipped = original.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(file().path(), flipped);
      assertThatThrownBy(() -> file().unlock("pw".toCharArray()))
          .as("bit %d", bit)
          .isInstanceOfAny(WrongPassphraseException.class, KekFileException.class);
    }
  }

  @Test
  void unlock_headerBeyondFileLimit_rejectedBeforeArgon2() throws Exception {
    file().create("pw".toCharArray());
    byte[] bytes = Files.readAllBytes(file().path());
    // 2 GiB: a valid Argon2Parameters value, but above FILE_HEADER_LIMIT (1 GiB).
    ByteBuffer.wrap(bytes).putInt(KekFile.MAGIC.length + 2, 2 << 20);
    Files.write(file().path(), bytes);
    assertThatThrownBy(() -> file().unlock("pw".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class);
  }

  @Test
  void builder_argon2BeyondFileLimit_refused() {
    Argon2Parameters tooBig = new Argon2Parameters(2 << 20, 1, 1);
    assertThatThrownBy(() -> KekFile.builder(dir.resolve("x")).argon2(tooBig))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void keyBankKek_isDerivedNotRaw() {
    KdcKek kek = TestRandom.kek();
    assertThat(kek.keyBankKek()).isEqualTo(kek.keyBankKek());
    byte[] raw = kek.copyBytes();
    assertThat(kek.keyBankKek()).isNotEqualTo(org.kdcmail.qrng.bank.KeyEncryptionKey.copyOf(raw));
  }
}
