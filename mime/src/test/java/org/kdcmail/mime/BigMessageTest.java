package org.kdcmail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200 MB message wrapped and unwrapped in a child JVM limited to a 64 MiB heap. */
class BigMessageTest {

  @TempDir Path tmp;

  @Test
  void wrapAndUnwrap_200MB_inA64MiBHeap_byteIdentical() throws Exception {
    Path in = tmp.resolve("in.eml");
    byte[] expected = writeInput(in, 200L * 1000 * 1000);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BigMessageMain.class.getName(),
                    in.toString(),
                    tmp.resolve("wrapped.eml").toString(),
                    tmp.resolve("out.eml").toString(),
                    tmp.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("verdict=OK");
    assertThat(sha256(tmp.resolve("out.eml"))).isEqualTo(expected);
    assertThat(Files.size(tmp.resolve("out.eml"))).isEqualTo(Files.size(in));
  }

  /** Headers, then {@code size} bytes of base64-looking lines; returns its SHA-256. */
  private static byte[] writeInput(Path file, long size) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[1 << 20];
    Random r = new Random(1);
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) ('A' + r.nextInt(26));
      if (i % 78 == 76) {
        block[i] = '\r';
      } else if (i % 78 == 77) {
        block[i] = '\n';
      }
    }
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
      byte[] head =
          Corpus.b(
              Corpus.head(
                  "big",
                  "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding:"
                      + " base64\r\n\r\n"));
      o.write(head);
      md.update(head);
      for (long written = 0; written < size; written += block.length) {
        block[0] = (byte) ('a' + (written >> 20) % 26);
        int n = (int) Math.min(block.length, size - written);
        o.write(block, 0, n);
        md.update(block, 0, n);
      }
    }
    return md.digest();
  }

  private static byte[] sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream i = new DigestInputStream(Files.newInputStream(file), md)) {
      i.transferTo(OutputStream.nullOutputStream());
    }
    return md.digest();
  }
}
