package org.kdcmail.qrng.testsources;

import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/** A source stuck at one byte value that still claims H = 8: the RCT must catch it. */
public final class StuckSource extends IndexedSource {
  private final byte value;

  public StuckSource(byte value) {
    super(new SourceDescriptor("test:stuck", SourceKind.TEST, 8.0, false));
    this.value = value;
  }

  @Override
  protected byte sample(long index) {
    return value;
  }
}
