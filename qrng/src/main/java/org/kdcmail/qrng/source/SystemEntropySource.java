package org.kdcmail.qrng.source;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating system's entropy pool ({@code SecureRandom} "NativePRNGNonBlocking" where the
 * platform has it, otherwise the default {@code SecureRandom}). It is <em>not quantum</em>: it is
 * used only when configured explicitly ({@code system}), is labelled so in every key's provenance,
 * and logs a warning saying so when constructed. Declared H = 8 bits per byte.
 */
public final class SystemEntropySource implements EntropySource {

  /** The source id used in provenance and metrics. */
  public static final String ID = "system";

  private static final Logger log = LoggerFactory.getLogger(SystemEntropySource.class);
  private static final SourceDescriptor DESCRIPTOR =
      new SourceDescriptor(ID, SourceKind.SYSTEM, 8.0, false);

  private final SecureRandom random;
  private volatile boolean closed;

  /** Opens the operating system's pool and warns that it is not quantum. */
  public SystemEntropySource() {
    this.random = openNative();
    log.warn(
        "entropy source '{}' uses the operating system's pool ({}); it is not quantum",
        ID,
        random.getAlgorithm());
  }

  private static SecureRandom openNative() {
    try {
      return SecureRandom.getInstance("NativePRNGNonBlocking");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  @Override
  public SourceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** The {@code SecureRandom} algorithm in use, for the selftest report. */
  public String algorithm() {
    return random.getAlgorithm();
  }

  @Override
  public void readSamples(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (closed) {
      throw new EntropySourceException("entropy source " + ID + " is closed");
    }
    if (offset == 0 && length == buffer.length) {
      random.nextBytes(buffer);
      return;
    }
    byte[] samples = new byte[length];
    random.nextBytes(samples);
    System.arraycopy(samples, 0, buffer, offset, length);
    java.util.Arrays.fill(samples, (byte) 0);
  }

  @Override
  public void close() {
    closed = true;
  }
}
