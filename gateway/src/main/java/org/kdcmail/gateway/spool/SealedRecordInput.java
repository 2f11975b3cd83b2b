package org.kdcmail.gateway.spool;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An input stream that serves {@link SealedRecords} opened one at a time by its subclass, from a
 * plaintext buffer that {@link #close()} zeroes. Not thread-safe.
 */
public abstract class SealedRecordInput extends InputStream {
  private final byte[] plain = new byte[SealedRecords.RECORD_BYTES];
  private int pos;
  private int limit;
  private long consumed;

  /**
   * Opens the next record into {@code plain}.
   *
   * @return its plaintext length, or -1 after the last record
   * @throws IOException when the record is missing or fails its tag
   */
  protected abstract int nextRecord(byte[] plain) throws IOException;

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == limit) {
      int n = nextRecord(plain);
      if (n < 0) {
        return -1;
      }
      pos = 0;
      limit = n;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(plain, pos, b, off, n);
    pos += n;
    consumed += n;
    return n;
  }

  /** Bytes read so far, for subclasses that report {@link #available()}. */
  protected final long consumed() {
    return consumed;
  }

  @Override
  public void close() throws IOException {
    Arrays.fill(plain, (byte) 0);
  }
}
