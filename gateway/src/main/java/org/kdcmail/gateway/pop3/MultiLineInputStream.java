package org.kdcmail.gateway.pop3;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a POP3 multi-line response (RFC 1939 §3), dot-unstuffed: a line starting with a dot
 * loses that dot, and a line holding only a dot (CRLF or bare LF) ends the stream. The bytes
 * returned are exactly the ones the server stuffed, line ends as sent. A stream that ends before
 * the terminating line is an {@link IOException}, never a short message.
 */
final class MultiLineInputStream extends InputStream {
  private enum State {
    /** At the start of a line. */
    LINE_START,
    /** A line started with a dot: the next byte decides. */
    DOT,
    /** A line holding only a dot so far, then CR: LF ends the response. */
    DOT_CR,
    /** Inside a line. */
    IN_LINE,
    /** After the terminating line. */
    DONE
  }

  private final InputStream in;
  private State state = State.LINE_START;
  private int pushedBack = -1;

  /**
   * Bytes of {@code in} known to be readable without blocking (asked once per buffer, not per byte:
   * {@code available()} on a socket is a system call).
   */
  private int known;

  /**
   * @param in the connection, positioned just after the +OK status line
   */
  MultiLineInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    while (true) {
      if (pushedBack >= 0) {
        int b = pushedBack;
        pushedBack = -1;
        return b;
      }
      if (state == State.DONE) {
        return -1;
      }
      int b = in.read();
      known--;
      if (b < 0) {
        throw new IOException("the office POP3 server closed the connection inside a message");
      }
      int out = step(b);
      if (out >= 0) {
        return out;
      }
    }
  }

  /** Advances on one input byte; returns the byte to emit, or -1 for none. */
  private int step(int b) {
    switch (state) {
      case LINE_START:
        if (b == '.') {
          state = State.DOT;
          return -1;
        }
        state = b == '\n' ? State.LINE_START : State.IN_LINE;
        return b;
      case DOT:
        if (b == '\n') {
          state = State.DONE;
          return -1;
        }
        if (b == '\r') {
          state = State.DOT_CR;
          return -1;
        }
        state = State.IN_LINE;
        return b;
      case DOT_CR:
        if (b == '\n') {
          state = State.DONE;
          return -1;
        }
        // ".\r" then something else: the dot was stuffing, the CR is data
        state = State.IN_LINE;
        pushedBack = b;
        return '\r';
      default:
        state = b == '\n' ? State.LINE_START : State.IN_LINE;
        return b;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = 0;
    while (n < len) {
      if (n > 0 && pushedBack < 0 && state != State.DONE && known <= 0) {
        known = in.available();
        if (known <= 0) {
          break;
        }
      }
      int c = read();
      if (c < 0) {
        break;
      }
      b[off + n++] = (byte) c;
    }
    return n == 0 ? -1 : n;
  }

  /** Reads to the terminating line, discarding the rest of the message. */
  void drain() throws IOException {
    while (read() >= 0) {
      // discard
    }
  }
}
