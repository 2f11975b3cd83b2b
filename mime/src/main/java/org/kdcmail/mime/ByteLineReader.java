package org.kdcmail.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** An unsynchronized buffered reader of LF-terminated byte lines, with bounded line length. */
final class ByteLineReader {

  /** A line longer than the caller's bound. */
  static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException() {
      super("line too long");
    }
  }

  private final InputStream in;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int end;

  ByteLineReader(InputStream in) {
    this.in = in;
  }

  private boolean fill() throws IOException {
    if (pos < end) {
      return true;
    }
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }

  /** The next line including its LF (absent only at EOF), or null at EOF. */
  byte[] readLine(int maxBytes) throws IOException {
    byte[] line = new byte[Math.min(256, maxBytes)];
    int len = 0;
    while (fill()) {
      int i = pos;
      while (i < end && buf[i] != '\n') {
        i++;
      }
      boolean found = i < end;
      int take = (found ? i + 1 : end) - pos;
      if (len + take > maxBytes) {
        throw new LineTooLongException();
      }
      if (len + take > line.length) {
        line = Arrays.copyOf(line, Math.min(maxBytes, Math.max(line.length * 2, len + take)));
      }
      System.arraycopy(buf, pos, line, len, take);
      len += take;
      pos += take;
      if (found) {
        return Arrays.copyOf(line, len);
      }
    }
    return len == 0 ? null : Arrays.copyOf(line, len);
  }

  private int lineStart;

  /** The buffer holding the line returned by {@link #nextLine}. */
  byte[] buffer() {
    return buf;
  }

  /** Where the line returned by {@link #nextLine} starts in {@link #buffer()}. */
  int lineStart() {
    return lineStart;
  }

  /**
   * Zero-copy {@link #readLine}: the next line (LF included, absent only at EOF) is left in {@link
   * #buffer()} at {@link #lineStart()}; returns its length, valid until the next read, or -1 at
   * EOF. {@code maxBytes} must be below the buffer size (64 KiB).
   */
  int nextLine(int maxBytes) throws IOException {
    int scan = pos;
    while (true) {
      int i = scan;
      byte[] b = buf;
      int e = end;
      while (i < e && b[i] != '\n') {
        i++;
      }
      if (i < e) {
        int len = i + 1 - pos;
        if (len > maxBytes) {
          throw new LineTooLongException();
        }
        lineStart = pos;
        pos = i + 1;
        return len;
      }
      if (end - pos > maxBytes) {
        throw new LineTooLongException();
      }
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, end - pos);
        end -= pos;
        pos = 0;
      }
      scan = end;
      int n = in.read(buf, end, buf.length - end);
      while (n == 0) {
        n = in.read(buf, end, buf.length - end);
      }
      if (n < 0) {
        if (end == pos) {
          return -1;
        }
        lineStart = pos;
        int len = end - pos;
        pos = end;
        return len;
      }
      end += n;
    }
  }

  /** Reads raw bytes after the lines consumed so far; -1 at EOF. */
  int read(byte[] dst, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, end - pos);
    System.arraycopy(buf, pos, dst, off, n);
    pos += n;
    return n;
  }

  /** Reads until {@code len} bytes or EOF; returns the count. */
  int readFully(byte[] dst, int off, int len) throws IOException {
    int total = 0;
    while (total < len) {
      int n = read(dst, off + total, len - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
