package org.kdcmail.gateway.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.secrets.SecretBytes;

class SealedFileTest {
  @TempDir Path dir;

  private final SecretBytes key = SecretBytes.wrap(new byte[32]);

  @Test
  void roundTrip_severalRecords_sameBytes_ownerOnly_noPlaintextOnDisk() throws Exception {
    byte[] data = new byte[SealedFile.RECORD_BYTES * 2 + 17];
    Arrays.fill(data, (byte) 'p');
    Path f = write(data);
    assertThat(read(f)).isEqualTo(data);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    assertThat(new String(Files.readAllBytes(f), "ISO-8859-1")).doesNotContain("pppppppp");
  }

  @Test
  void exactMultipleOfARecord_andEmpty_roundTrip() throws Exception {
    byte[] data = new byte[SealedFile.RECORD_BYTES];
    new Random(1).nextBytes(data);
    assertThat(read(write(data))).isEqualTo(data);
    dir = Files.createTempDirectory(dir, "e");
    assertThat(read(write(new byte[0]))).isEmpty();
  }

  @Test
  void flippedBit_truncatedOrDroppedRecord_orWrongKey_damaged() throws Exception {
    byte[] data = new byte[SealedFile.RECORD_BYTES + 100];
    Path f = write(data);
    byte[] sealed = Files.readAllBytes(f);
    for (int at : new int[] {0, SealedFile.RECORD_BYTES + 3, sealed.length - 1}) {
      byte[] bad = sealed.clone();
      bad[at] ^= 1;
      Files.write(f, bad);
      assertThatThrownBy(() -> read(f))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("damaged");
    }
    Files.write(f, Arrays.copyOf(sealed, SealedFile.RECORD_BYTES + 16));
    assertThatThrownBy(() -> read(f)).hasMessageContaining("damaged");
    Files.write(f, sealed);
    try (InputStream in = SealedFile.open(f, SecretBytes.wrap(new byte[32]))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(
            () -> {
              try (InputStream in = SealedFile.open(f, SecretBytes.wrap(other))) {
                in.readAllBytes();
              }
            })
        .hasMessageContaining("damaged");
  }

  private Path write(byte[] data) throws IOException {
    Path f = dir.resolve("f.sealed");
    try (OutputStream out = SealedFile.create(f, key)) {
      out.write(data);
    }
    return f;
  }

  private byte[] read(Path f) throws IOException {
    try (InputStream in = SealedFile.open(f, key)) {
      return in.readAllBytes();
    }
  }
}
