package org.kdcmail.qrng.drbg;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/**
 * A deterministic source: sample i of the whole stream is {@code (byte) (i * 31 + 7)}. Counts reads
 * and samples; can be told to fail every read from a given read number on, or from now on.
 */
final class CountingEntropySource implements EntropySource {
  private final SourceDescriptor descriptor;
  private final AtomicInteger reads = new AtomicInteger();
  private final List<Integer> readLengths = new CopyOnWriteArrayList<>();
  private long samples;
  private volatile int failFromRead = Integer.MAX_VALUE;

  CountingEntropySource(double minEntropyPerSample, boolean binary) {
    this.descriptor =
        new SourceDescriptor("test:counting", SourceKind.TEST, minEntropyPerSample, binary);
  }

  CountingEntropySource() {
    this(8.0, false);
  }

  /** Reads number {@code n} (1-based) and all later reads throw. */
  CountingEntropySource failFromRead(int n) {
    this.failFromRead = n;
    return this;
  }

  void failFromNow() {
    failFromRead = reads.get() + 1;
  }

  void recover() {
    failFromRead = Integer.MAX_VALUE;
  }

  int reads() {
    return reads.get();
  }

  /** The number of samples asked for by each read, failed reads included. */
  List<Integer> readLengths() {
    return readLengths;
  }

  @Override
  public SourceDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public synchronized void readSamples(byte[] buffer, int offset, int length) {
    int read = reads.incrementAndGet();
    readLengths.add(length);
    if (read >= failFromRead) {
      throw new EntropySourceException("test source: health test FAILED");
    }
    for (int i = 0; i < length; i++) {
      byte sample = (byte) (samples++ * 31 + 7);
      buffer[offset + i] = descriptor.binarySamples() ? (byte) (sample & 1) : sample;
    }
  }

  @Override
  public void close() {}
}
