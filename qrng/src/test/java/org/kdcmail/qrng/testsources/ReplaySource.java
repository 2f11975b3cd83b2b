package org.kdcmail.qrng.testsources;

import java.util.Objects;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/**
 * Replays fixed samples once, then short-reads like a device at EOF (the request is not served at
 * all). Also the short-reading source: {@code new ReplaySource(new byte[n])} delivers n samples.
 */
public final class ReplaySource implements EntropySource {
  private final byte[] samples;
  private final SourceDescriptor descriptor;
  private int position;
  private boolean closed;

  /** Replays {@code samples} as bytes with the given declared H. */
  public ReplaySource(byte[] samples, double minEntropy, boolean binary) {
    this.samples = samples.clone();
    this.descriptor = new SourceDescriptor("test:replay", SourceKind.TEST, minEntropy, binary);
  }

  /** Replays {@code samples} as bytes claiming H = 8. */
  public ReplaySource(byte[] samples) {
    this(samples, 8.0, false);
  }

  @Override
  public SourceDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public synchronized void readSamples(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (closed) {
      throw new EntropySourceException("test source is closed");
    }
    int available = samples.length - position;
    if (available < length) {
      position = samples.length;
      throw new EntropySourceException(
          "short read from test:replay: got " + available + " of " + length + " bytes");
    }
    System.arraycopy(samples, position, buffer, offset, length);
    position += length;
  }

  /** Samples consumed so far, including those lost to a short read. */
  public synchronized int position() {
    return position;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
