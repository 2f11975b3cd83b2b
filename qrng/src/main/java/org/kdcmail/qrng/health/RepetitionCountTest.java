package org.kdcmail.qrng.health;

/**
 * The SP 800-90B §4.4.1 repetition count test: counts the run of identical consecutive samples (the
 * run starts at B = 1) and fails when B reaches the cutoff C. Not thread safe; {@link
 * HealthTestedSource} serialises access.
 */
public final class RepetitionCountTest {

  private final int cutoff;
  private int previous = -1;
  private int run;

  /** A test that fails on a run of {@code cutoff} identical samples. */
  public RepetitionCountTest(int cutoff) {
    if (cutoff < 2) {
      throw new IllegalArgumentException("RCT cutoff must be at least 2, got " + cutoff);
    }
    this.cutoff = cutoff;
  }

  /**
   * Feeds one sample.
   *
   * @return false when this sample makes the run reach the cutoff (the test failed)
   */
  public boolean accept(byte sample) {
    int value = sample & 0xff;
    if (value == previous) {
      run++;
    } else {
      previous = value;
      run = 1;
    }
    return run < cutoff;
  }

  /** The length B of the current run. */
  public int currentRun() {
    return run;
  }

  /** The cutoff C. */
  public int cutoff() {
    return cutoff;
  }

  /** Forgets all samples seen, as after an operator reset. */
  public void reset() {
    previous = -1;
    run = 0;
  }
}
