package org.kdcmail.qrng.testsources;

import java.util.SplittableRandom;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/**
 * 0x41 at every even position and a random byte other than 0x41 at every odd one, claiming H = 8.
 * No two neighbours are equal, so the RCT never fires; the APT must.
 */
public final class AptOnlySource extends IndexedSource {
  /** The byte at every even position. */
  public static final byte EVEN = 0x41;

  private final SplittableRandom random;

  public AptOnlySource(long seed) {
    super(new SourceDescriptor("test:apt-only", SourceKind.TEST, 8.0, false));
    this.random = new SplittableRandom(seed);
  }

  @Override
  protected byte sample(long index) {
    if (index % 2 == 0) {
      return EVEN;
    }
    int value = random.nextInt(255);
    return (byte) (value >= EVEN ? value + 1 : value);
  }
}
