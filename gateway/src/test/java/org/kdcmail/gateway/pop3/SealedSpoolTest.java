package org.kdcmail.gateway.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedSpoolTest {
  @TempDir Path dir;

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static byte[] readAll(SealedSpool s) throws IOException {
    try (InputStream in = s.open()) {
      return in.readAllBytes();
    }
  }

  @Test
  void spool_withinMemoryLimit_staysOnHeap() throws IOException {
    byte[] data = random(1000);
    try (SealedSpool s = new SealedSpool(dir, 4096)) {
      s.output().write(data);
      s.finish();
      assertThat(s.spilled()).isFalse();
      assertThat(readAll(s)).isEqualTo(data);
      assertThat(s.size()).isEqualTo(1000);
    }
  }

  /**
   * Netty's ChunkedStream (James' RETR) sizes each chunk by available(): 0 made the gateway send a
   * message one byte per socket write.
   */
  @Test
  void open_onHeapAndSpilled_availableIsWhatIsLeft() throws IOException {
    for (int memoryLimit : new int[] {1 << 20, 1024}) {
      byte[] data = random(2 * SealedSpool.RECORD_BYTES + 5);
      try (SealedSpool s = new SealedSpool(dir, memoryLimit)) {
        s.output().write(data);
        s.finish();
        try (InputStream in = s.open()) {
          assertThat(in.available()).isEqualTo(data.length);
          in.readNBytes(SealedSpool.RECORD_BYTES + 3);
          assertThat(in.available()).isEqualTo(data.length - SealedSpool.RECORD_BYTES - 3);
          in.readAllBytes();
          assertThat(in.available()).isZero();
        }
      }
    }
  }

  @Test
  void spool_overMemoryLimit_sealedFileNeverHoldsPlaintextAndRereads() throws IOException {
    byte[] data = random(3 * SealedSpool.RECORD_BYTES + 17);
    SealedSpool s = new SealedSpool(dir, 1024);
    for (int i = 0; i < data.length; i += 5000) {
      s.output().write(data, i, Math.min(5000, data.length - i));
    }
    s.finish();
    assertThat(s.spilled()).isTrue();
    Path file;
    try (Stream<Path> files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    byte[] onDisk = Files.readAllBytes(file);
    assertThat(indexOf(onDisk, java.util.Arrays.copyOfRange(data, 100, 132))).isNegative();
    assertThat(readAll(s)).isEqualTo(data);
    assertThat(readAll(s)).isEqualTo(data);
    assertThat(s.size()).isEqualTo(data.length);
    s.close();
    assertThat(Files.exists(file)).isFalse();
    assertThatThrownBy(s::open).isInstanceOf(IOException.class);
  }

  @Test
  void spool_fileRecordFlipped_readFails() throws IOException {
    byte[] data = random(2 * SealedSpool.RECORD_BYTES);
    try (SealedSpool s = new SealedSpool(dir, 0)) {
      s.output().write(data);
      s.finish();
      Path file;
      try (Stream<Path> files = Files.list(dir)) {
        file = files.findFirst().orElseThrow();
      }
      byte[] onDisk = Files.readAllBytes(file);
      onDisk[70_000] ^= 1;
      Files.write(file, onDisk);
      assertThatThrownBy(() -> readAll(s)).isInstanceOf(IOException.class);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
