package org.kdcmail.bench.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A message of a given total size in RFC 5322 form: a few header fields and a body of 76-character
 * base64 lines of random bytes (what an attachment looks like on the wire), CRLF line ends. The
 * same bytes are submitted on both paths.
 */
final class BenchMessage {
  private static final int LINE = 76;

  private BenchMessage() {}

  /**
   * {@code sizeBytes} bytes (± one line) from {@code from} to {@code to}; {@code seed} varies it.
   */
  static byte[] of(String from, String to, int sizeBytes, long seed) {
    StringBuilder head = new StringBuilder();
    head.append("From: ").append(from).append("\r\n");
    head.append("To: ").append(to).append("\r\n");
    head.append("Subject: load test ").append(seed).append("\r\n");
    head.append("Message-ID: <load-").append(seed).append('.').append(from).append(">\r\n");
    head.append("MIME-Version: 1.0\r\n");
    head.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeBytes + 2 * LINE);
    out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
    Random random = new Random(seed);
    byte[] raw = new byte[LINE / 4 * 3];
    while (out.size() < sizeBytes - 2) {
      random.nextBytes(raw);
      out.writeBytes(Base64.getEncoder().encode(raw));
      out.writeBytes(new byte[] {'\r', '\n'});
    }
    return out.toByteArray();
  }
}
