package org.kdcmail.qrng.testsources;

import java.util.Objects;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.SourceDescriptor;

/** A test source whose sample at stream position i is {@link #sample(long)}. Thread safe. */
public abstract class IndexedSource implements EntropySource {

  private final SourceDescriptor descriptor;
  private long position;
  private boolean closed;

  protected IndexedSource(SourceDescriptor descriptor) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
  }

  /** The sample at stream position {@code index}; called in increasing order. */
  protected abstract byte sample(long index);

  @Override
  public final SourceDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public synchronized void readSamples(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (closed) {
      throw new EntropySourceException("test source " + descriptor.id() + " is closed");
    }
    for (int i = 0; i < length; i++) {
      buffer[offset + i] = sample(position++);
    }
  }

  /** Samples delivered so far. */
  public synchronized long position() {
    return position;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
