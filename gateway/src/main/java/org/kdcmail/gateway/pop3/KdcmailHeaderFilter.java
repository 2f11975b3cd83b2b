package org.kdcmail.gateway.pop3;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Removes every {@code X-Kdcmail-*} header field that arrives from outside, so that the only such
 * fields a client sees are the ones the gateway adds above the message.
 *
 * <p>The header section is everything up to the first empty line (CRLF or LF). In it, a line that
 * starts with {@code X-Kdcmail-} (any case) is dropped with the continuation lines (starting with
 * space or tab) that follow it, whether or not a colon follows the name, so no client can read it
 * as a field. Continuation lines at the very start of the section are dropped too: they would
 * otherwise fold into the last field the gateway adds above them. Everything else — including the
 * body, byte for byte — passes unchanged. Streaming: holds at most the first {@value #PREFIX} bytes
 * of a line.
 */
final class KdcmailHeaderFilter extends FilterOutputStream {
  private static final byte[] MARKER =
      "x-kdcmail-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int PREFIX = 10;

  private enum State {
    /** At the start of a header-section line: collecting its first bytes. */
    LINE_START,
    /** Copying the rest of a kept header line. */
    COPY_LINE,
    /** Skipping the rest of a dropped header line. */
    DROP_LINE,
    /** After the empty line: copying everything. */
    BODY
  }

  private final byte[] prefix = new byte[PREFIX];
  private int prefixLength;
  private State state = State.LINE_START;
  private boolean lastFieldDropped = true;

  KdcmailHeaderFilter(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    int i = off;
    while (i < end) {
      switch (state) {
        case BODY -> {
          out.write(b, i, end - i);
          i = end;
        }
        case COPY_LINE, DROP_LINE -> i = restOfLine(b, i, end);
        case LINE_START -> lineStart(b[i++]);
      }
    }
  }

  private int restOfLine(byte[] b, int from, int end) throws IOException {
    int i = from;
    while (i < end && b[i] != '\n') {
      i++;
    }
    boolean found = i < end;
    int stop = found ? i + 1 : end;
    if (state == State.COPY_LINE) {
      out.write(b, from, stop - from);
    }
    if (found) {
      state = State.LINE_START;
      prefixLength = 0;
    }
    return stop;
  }

  private void lineStart(byte c) throws IOException {
    prefix[prefixLength++] = c;
    if (prefixLength == 1 && (c == ' ' || c == '\t')) {
      decide(!lastFieldDropped);
      return;
    }
    boolean emptyLine =
        c == '\n' && (prefixLength == 1 || (prefixLength == 2 && prefix[0] == '\r'));
    if (emptyLine) {
      out.write(prefix, 0, prefixLength);
      state = State.BODY;
      return;
    }
    if (c == '\n') {
      out.write(prefix, 0, prefixLength);
      lastFieldDropped = false;
      prefixLength = 0;
      return;
    }
    if (prefixLength == 1 && c == '\r') {
      return; // CR LF would be the empty line; wait for the next byte
    }
    if (Character.toLowerCase((char) (c & 0xff)) != MARKER[prefixLength - 1]) {
      lastFieldDropped = false;
      decide(true);
    } else if (prefixLength == PREFIX) {
      lastFieldDropped = true;
      decide(false);
    }
  }

  private void decide(boolean keep) throws IOException {
    if (keep) {
      out.write(prefix, 0, prefixLength);
      state = State.COPY_LINE;
    } else {
      state = State.DROP_LINE;
    }
    prefixLength = 0;
  }

  /**
   * Ends the message. A header line cut short by the end of the message within its first bytes was
   * not yet decided; it cannot be a full {@code X-Kdcmail-} line, so it is written.
   */
  void finish() throws IOException {
    if (state == State.LINE_START && prefixLength > 0) {
      out.write(prefix, 0, prefixLength);
      prefixLength = 0;
    }
    out.flush();
  }
}
