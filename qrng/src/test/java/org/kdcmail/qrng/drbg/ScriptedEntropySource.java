package org.kdcmail.qrng.drbg;

import java.util.ArrayDeque;
import java.util.Deque;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/** Delivers fixed byte strings, one per read, with 8 bits of declared min-entropy per sample. */
final class ScriptedEntropySource implements EntropySource {
  private final Deque<byte[]> reads = new ArrayDeque<>();

  ScriptedEntropySource then(byte[] samples) {
    reads.addLast(samples.clone());
    return this;
  }

  boolean exhausted() {
    return reads.isEmpty();
  }

  @Override
  public SourceDescriptor descriptor() {
    return new SourceDescriptor("test:scripted", SourceKind.TEST, 8.0, false);
  }

  @Override
  public void readSamples(byte[] buffer, int offset, int length) {
    byte[] next = reads.pollFirst();
    if (next == null) {
      throw new EntropySourceException("scripted source has no more reads");
    }
    if (next.length != length) {
      throw new AssertionError("read of " + length + " samples, script has " + next.length);
    }
    System.arraycopy(next, 0, buffer, offset, length);
  }

  @Override
  public void close() {}
}
