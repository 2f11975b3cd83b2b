package org.kdcmail.qrng.testsources;

import java.security.SecureRandom;
import java.util.Objects;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/** Full-entropy bytes from {@link SecureRandom}, claiming H = 8: must never raise an alarm. */
public final class HealthySource implements EntropySource {
  private static final SourceDescriptor DESCRIPTOR =
      new SourceDescriptor("test:healthy", SourceKind.TEST, 8.0, false);
  private final SecureRandom random = new SecureRandom();

  @Override
  public SourceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void readSamples(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (offset == 0 && length == buffer.length) {
      random.nextBytes(buffer);
      return;
    }
    byte[] samples = new byte[length];
    random.nextBytes(samples);
    System.arraycopy(samples, 0, buffer, offset, length);
  }

  @Override
  public void close() {}
}
