package org.kdcmail.gateway.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrlfOutputStreamTest {
  private static String crlf(String in, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CrlfOutputStream c = new CrlfOutputStream(out);
    byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < b.length; i += chunk) {
      c.write(b, i, Math.min(chunk, b.length - i));
    }
    c.finish();
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void write_bareLfAndMissingFinalLineEnd_madeCrlf() throws IOException {
    for (int chunk : new int[] {1, 2, 5, 100}) {
      assertThat(crlf("a\nb\r\nc", chunk)).isEqualTo("a\r\nb\r\nc\r\n");
      assertThat(crlf("\n\r\n\n", chunk)).isEqualTo("\r\n\r\n\r\n");
      assertThat(crlf("x\r", chunk)).isEqualTo("x\r\n");
      assertThat(crlf("a\rb\r\n", chunk)).isEqualTo("a\rb\r\n");
      assertThat(crlf("", chunk)).isEmpty();
    }
  }
}
