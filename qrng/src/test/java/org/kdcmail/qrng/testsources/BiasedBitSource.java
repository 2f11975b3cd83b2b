package org.kdcmail.qrng.testsources;

import java.util.SplittableRandom;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/**
 * Binary samples (0 or 1 per byte) with 75 % ones that claim H = 1; the real min-entropy is
 * -log2(0.75) = 0.415. Deterministic for a given seed.
 */
public final class BiasedBitSource extends IndexedSource {
  private final SplittableRandom random;

  public BiasedBitSource(long seed) {
    super(new SourceDescriptor("test:biased", SourceKind.TEST, 1.0, true));
    this.random = new SplittableRandom(seed);
  }

  @Override
  protected byte sample(long index) {
    return (byte) (random.nextInt(4) == 0 ? 0 : 1);
  }
}
