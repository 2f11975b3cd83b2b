package org.kdcmail.gateway.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KdcmailHeaderFilterTest {

  /** Filters {@code in}, written in chunks of {@code chunk} bytes. */
  static String filter(String in, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    KdcmailHeaderFilter f = new KdcmailHeaderFilter(out);
    byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < b.length; i += chunk) {
      f.write(b, i, Math.min(chunk, b.length - i));
    }
    f.finish();
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static void check(String in, String expected) throws IOException {
    for (int chunk : new int[] {1, 3, 7, 1000}) {
      assertThat(filter(in, chunk)).as("chunk %d", chunk).isEqualTo(expected);
    }
  }

  @Test
  void filter_kdcmailFieldsAnyCase_removedWithContinuations() throws IOException {
    check(
        "From: a@b\r\nX-Kdcmail-Status: decrypted\r\n  more\r\nx-KDCMAIL-warning: x\r\nTo: c@d\r\n\r\nbody\r\n",
        "From: a@b\r\nTo: c@d\r\n\r\nbody\r\n");
  }

  @Test
  void filter_bodyLinesLookingLikeFields_unchanged() throws IOException {
    check(
        "Subject: s\r\n\r\nX-Kdcmail-Status: decrypted\r\n  indented\r\n",
        "Subject: s\r\n\r\nX-Kdcmail-Status: decrypted\r\n  indented\r\n");
  }

  @Test
  void filter_leadingContinuationLine_dropped() throws IOException {
    check(" injected; sender=x\r\nFrom: a@b\r\n\r\nb", "From: a@b\r\n\r\nb");
  }

  @Test
  void filter_keptFieldContinuation_kept() throws IOException {
    check("Subject: a\r\n b\r\n\r\n", "Subject: a\r\n b\r\n\r\n");
  }

  @Test
  void filter_bareLfAndNoBody_keptAsIs() throws IOException {
    check("A: 1\nX-Kdcmail-A: 2\nB: 3\n\nbody", "A: 1\nB: 3\n\nbody");
    check("A: 1\r\nX-Kd", "A: 1\r\nX-Kd");
    check("", "");
  }

  @Test
  void filter_markerWithoutColonOrWithSpaceBeforeColon_dropped() throws IOException {
    check("X-Kdcmail-Status : x\r\nX-Kdcmail-\r\nA: 1\r\n\r\n", "A: 1\r\n\r\n");
  }
}
