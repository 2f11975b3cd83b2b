package org.kdcmail.qrng;

/**
 * A source of raw noise samples, one sample per byte. Implementations block until the buffer is
 * full or fail with an {@link EntropySourceException} naming the cause (missing device, short read,
 * timeout); they never return fewer samples than asked for.
 *
 * <p>Raw samples are never used as keys directly: they pass the SP 800-90B health tests and seed
 * the DRBG.
 */
public interface EntropySource extends AutoCloseable {

  /** What this source declares about itself. */
  SourceDescriptor descriptor();

  /**
   * Fills {@code buffer[offset, offset + length)} with raw samples.
   *
   * @throws EntropySourceException when the samples cannot be read
   */
  void readSamples(byte[] buffer, int offset, int length);

  /** Releases the device or file; further reads fail. */
  @Override
  void close();
}
