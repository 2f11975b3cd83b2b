package org.kdcmail.gateway.pop3;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Makes every line end in CRLF, as POP3 requires on the wire: a bare LF becomes CRLF and {@link
 * #finish()} ends an unterminated last line with CRLF. Everything else passes unchanged, so the
 * bytes counted here are exactly the bytes a client receives after dot-unstuffing, and LIST sizes
 * agree with RETR.
 */
final class CrlfOutputStream extends FilterOutputStream {
  private static final byte[] CRLF = {'\r', '\n'};

  private int last = '\n';

  CrlfOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    int from = off;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n' && (i > off ? b[i - 1] : last) != '\r') {
        out.write(b, from, i - from);
        out.write(CRLF);
        from = i + 1;
      }
    }
    out.write(b, from, end - from);
    if (len > 0) {
      last = b[end - 1];
    }
  }

  /** Ends the last line with CRLF if it has no line end. */
  void finish() throws IOException {
    if (last == '\r') {
      out.write('\n');
    } else if (last != '\n') {
      out.write(CRLF);
    }
    last = '\n';
    out.flush();
  }
}
