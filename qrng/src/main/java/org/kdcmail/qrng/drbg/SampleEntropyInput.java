package org.kdcmail.qrng.drbg;

import java.util.Objects;
import org.bouncycastle.crypto.prng.EntropySource;
import org.kdcmail.qrng.SourceDescriptor;

/**
 * Turns raw samples from an {@link org.kdcmail.qrng.EntropySource} into the entropy input and nonce
 * of the DRBG, sized by the source's declared min-entropy H per sample: {@code ceil(256 / H)}
 * samples of entropy input and {@code ceil(128 / H)} samples of nonce. Samples are passed on as
 * read (binary sources deliver one 0/1 sample per byte, unpacked); Hash_df condenses them, so only
 * the min-entropy count matters. Exceptions from the source propagate unchanged.
 */
final class SampleEntropyInput implements EntropySource {
  /** Upper bound on one read, so a near-zero declared H fails at build time, not at runtime. */
  static final int MAX_SAMPLES_PER_READ = 1 << 20;

  private final org.kdcmail.qrng.EntropySource source;
  private final int securityStrengthBits;
  private final int entropySamples;
  private final int nonceSamples;

  SampleEntropyInput(org.kdcmail.qrng.EntropySource source, int securityStrengthBits) {
    this.source = Objects.requireNonNull(source, "source");
    SourceDescriptor descriptor = Objects.requireNonNull(source.descriptor(), "source descriptor");
    this.securityStrengthBits = securityStrengthBits;
    this.entropySamples = samplesFor(securityStrengthBits, descriptor);
    this.nonceSamples = samplesFor(securityStrengthBits / 2, descriptor);
  }

  static int samplesFor(int bits, SourceDescriptor descriptor) {
    double samples = Math.ceil(bits / descriptor.minEntropyPerSample());
    if (samples > MAX_SAMPLES_PER_READ) {
      throw new IllegalArgumentException(
          "source "
              + descriptor.provenanceLabel()
              + " declares "
              + descriptor.minEntropyPerSample()
              + " bits of min-entropy per sample; "
              + bits
              + " bits would need more than "
              + MAX_SAMPLES_PER_READ
              + " samples");
    }
    return (int) samples;
  }

  int entropySamples() {
    return entropySamples;
  }

  int nonceSamples() {
    return nonceSamples;
  }

  SourceDescriptor descriptor() {
    return source.descriptor();
  }

  /** The instantiation nonce: {@code ceil(128 / H)} fresh samples from the source. */
  byte[] readNonce() {
    return read(nonceSamples);
  }

  @Override
  public byte[] getEntropy() {
    return read(entropySamples);
  }

  @Override
  public int entropySize() {
    return securityStrengthBits;
  }

  @Override
  public boolean isPredictionResistant() {
    return true;
  }

  private byte[] read(int samples) {
    byte[] buffer = new byte[samples];
    source.readSamples(buffer, 0, samples);
    return buffer;
  }
}
