package org.kdcmail.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.secrets.SecretBytes;

class SealedRecordsTest {
  @TempDir Path dir;

  private final SealedRecords records = new SealedRecords(SecretBytes.wrap(new byte[32]));

  @Test
  void writeThenRead_secondRecord_sitsAtItsPlaceAndOpens() throws Exception {
    byte[] full = new byte[SealedRecords.RECORD_BYTES];
    Arrays.fill(full, (byte) 'a');
    byte[] tail = "tail".getBytes(StandardCharsets.US_ASCII);
    Path f = dir.resolve("r");
    try (FileChannel ch = open(f)) {
      records.write(ch, 0, false, full, full.length);
      records.write(ch, 1, true, tail, tail.length);
      assertThat(ch.size()).isEqualTo(SealedRecords.SEALED_RECORD_BYTES + 4 + 16);
      byte[] sealed = new byte[SealedRecords.SEALED_RECORD_BYTES];
      byte[] plain = new byte[SealedRecords.RECORD_BYTES];
      int n = SealedRecords.read(ch, 1, sealed);
      assertThat(n).isEqualTo(4 + SealedRecords.TAG_BYTES);
      assertThat(Arrays.copyOf(plain, records.open(1, true, sealed, n, plain))).isEqualTo(tail);
      n = SealedRecords.read(ch, 0, sealed);
      assertThat(records.open(0, false, sealed, n, plain)).isEqualTo(full.length);
      assertThat(plain).isEqualTo(full);
    }
  }

  @Test
  void open_everyFlippedBit_wrongPlace_wrongFlag_orWrongKey_rejects() throws Exception {
    byte[] data = "short record".getBytes(StandardCharsets.US_ASCII);
    Path f = dir.resolve("r");
    byte[] sealed = new byte[SealedRecords.SEALED_RECORD_BYTES];
    int n;
    try (FileChannel ch = open(f)) {
      records.write(ch, 0, true, data, data.length);
      n = SealedRecords.read(ch, 0, sealed);
    }
    byte[] plain = new byte[SealedRecords.RECORD_BYTES];
    for (int bit = 0; bit < n * 8; bit++) {
      byte[] bad = sealed.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> records.open(0, true, bad, n, plain))
          .isInstanceOf(GeneralSecurityException.class);
    }
    assertThatThrownBy(() -> records.open(1, true, sealed, n, plain))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> records.open(0, false, sealed, n, plain))
        .isInstanceOf(GeneralSecurityException.class);
    byte[] other = new byte[32];
    other[31] = 1;
    assertThatThrownBy(
            () -> new SealedRecords(SecretBytes.wrap(other)).open(0, true, sealed, n, plain))
        .isInstanceOf(GeneralSecurityException.class);
    assertThat(records.open(0, true, sealed, n, plain)).isEqualTo(data.length);
  }

  @Test
  void newSealedRecords_keyNot32Bytes_rejects() {
    assertThatThrownBy(() -> new SealedRecords(SecretBytes.wrap(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static FileChannel open(Path f) throws Exception {
    Files.deleteIfExists(f);
    return FileChannel.open(
        f, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }
}
