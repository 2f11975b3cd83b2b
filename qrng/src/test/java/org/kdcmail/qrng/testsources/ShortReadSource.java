package org.kdcmail.qrng.testsources;

import java.security.SecureRandom;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.SourceDescriptor;

/** Delivers a fixed number of random samples, then fails every read with a short read. */
public final class ShortReadSource implements EntropySource {
  private final ReplaySource delegate;

  /** A source that runs dry after {@code available} samples. */
  public ShortReadSource(int available) {
    byte[] samples = new byte[available];
    new SecureRandom().nextBytes(samples);
    this.delegate = new ReplaySource(samples);
  }

  @Override
  public SourceDescriptor descriptor() {
    return delegate.descriptor();
  }

  @Override
  public void readSamples(byte[] buffer, int offset, int length) {
    delegate.readSamples(buffer, offset, length);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
