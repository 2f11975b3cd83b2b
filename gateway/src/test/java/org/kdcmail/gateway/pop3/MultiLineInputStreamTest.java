package org.kdcmail.gateway.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultiLineInputStreamTest {
  private static String read(String wire) throws IOException {
    InputStream in = new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1));
    String body =
        new String(new MultiLineInputStream(in).readAllBytes(), StandardCharsets.ISO_8859_1);
    return body + "|" + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void read_stuffedLines_unstuffedUpToTerminator() throws IOException {
    assertThat(read("a\r\n..b\r\n...\r\n.\r\nNEXT")).isEqualTo("a\r\n.b\r\n..\r\n|NEXT");
    assertThat(read(".\r\n+OK")).isEqualTo("|+OK");
    assertThat(read("x\n.\nrest")).isEqualTo("x\n|rest");
    assertThat(read(".\rx\r\n.\r\n")).isEqualTo("\rx\r\n|");
  }

  @Test
  void read_connectionEndsBeforeTerminator_throws() {
    assertThatThrownBy(() -> read("a\r\nb\r\n")).isInstanceOf(IOException.class);
  }
}
