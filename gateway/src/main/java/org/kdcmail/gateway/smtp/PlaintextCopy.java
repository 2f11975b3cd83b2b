package org.kdcmail.gateway.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The copy for recipients who are not enrolled, under the plaintext policy: the original message
 * with a warning field first and every {@code Bcc} field removed (as in the encrypted copies, a
 * recipient never learns who was Bcc'd); everything else byte for byte.
 */
final class PlaintextCopy implements CopyWriter {

  /** The field added at the top of the header section. */
  static final String WARNING = "X-Kdcmail-Warning: sent unencrypted: recipient not enrolled\r\n";

  private final MessageSource source;

  PlaintextCopy(MessageSource source) {
    this.source = source;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    out.write(WARNING.getBytes(StandardCharsets.US_ASCII));
    try (InputStream raw = source.open();
        InputStream in = new BufferedInputStream(raw, 1 << 16)) {
      copyHeaders(in, out);
      in.transferTo(out);
    }
  }

  /** Copies the header section without Bcc fields, up to and including the line that ends it. */
  private static void copyHeaders(InputStream in, OutputStream out) throws IOException {
    boolean droppingBcc = false;
    int total = 0;
    while (true) {
      byte[] line = readLine(in);
      if (line.length == 0) {
        return;
      }
      total += line.length;
      if (total > MessageHeaders.MAX_HEADER_BYTES) {
        throw new MessageHeaders.TooLargeException();
      }
      boolean continuation = line[0] == ' ' || line[0] == '\t';
      if (!continuation) {
        if (!isField(line)) {
          out.write(line);
          return; // the empty line (or first body line) ends the header section
        }
        droppingBcc = startsWithIgnoreCase(line, "bcc:");
      }
      if (!droppingBcc) {
        out.write(line);
      }
    }
  }

  private static boolean isField(byte[] line) {
    for (int i = 0; i < line.length; i++) {
      int b = line[i] & 0xff;
      if (b == ':') {
        return i > 0;
      }
      if (b < 33 || b > 126) {
        return false;
      }
    }
    return false;
  }

  private static boolean startsWithIgnoreCase(byte[] line, String prefix) {
    if (line.length < prefix.length()) {
      return false;
    }
    String s = new String(line, 0, prefix.length(), StandardCharsets.ISO_8859_1);
    return s.equalsIgnoreCase(prefix);
  }

  /** One line with its line ending; empty at the end of the stream. */
  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        break;
      }
      if (line.size() > MessageHeaders.MAX_HEADER_BYTES) {
        throw new MessageHeaders.TooLargeException();
      }
    }
    return line.toByteArray();
  }
}
