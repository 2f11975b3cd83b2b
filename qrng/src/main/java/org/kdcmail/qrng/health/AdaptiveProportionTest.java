package org.kdcmail.qrng.health;

/**
 * The SP 800-90B §4.4.2 adaptive proportion test: takes the first sample A of each window of W
 * samples, counts the occurrences of A in the window (the first included) and fails when the count
 * reaches the cutoff C. Not thread safe; {@link HealthTestedSource} serialises access.
 */
public final class AdaptiveProportionTest {

  private final int window;
  private final int cutoff;
  private int position;
  private int reference;
  private int count;

  /** A test over windows of {@code window} samples failing at {@code cutoff} occurrences. */
  public AdaptiveProportionTest(int window, int cutoff) {
    if (window < 2 || cutoff < 2) {
      throw new IllegalArgumentException(
          "APT needs window >= 2 and cutoff >= 2, got " + window + " and " + cutoff);
    }
    this.window = window;
    this.cutoff = cutoff;
  }

  /**
   * Feeds one sample.
   *
   * @return false when this sample makes the count of the window's first sample reach the cutoff
   */
  public boolean accept(byte sample) {
    int value = sample & 0xff;
    if (position == 0) {
      reference = value;
      count = 1;
    } else if (value == reference) {
      count++;
    }
    position = position + 1 == window ? 0 : position + 1;
    return count < cutoff;
  }

  /** The window's first sample A, as an unsigned value. */
  public int referenceSample() {
    return reference;
  }

  /** How often A has occurred so far in the current (or just finished) window. */
  public int count() {
    return count;
  }

  /** The window size W. */
  public int window() {
    return window;
  }

  /** The cutoff C. */
  public int cutoff() {
    return cutoff;
  }

  /** Starts a fresh window, as after an operator reset. */
  public void reset() {
    position = 0;
    count = 0;
  }
}
