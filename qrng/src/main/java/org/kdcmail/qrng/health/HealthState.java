package org.kdcmail.qrng.health;

/** Where a {@link HealthTestedSource} is in its life cycle. */
public enum HealthState {
  /** Running the start-up test over the first 1024 samples; nothing is output yet. */
  STARTUP(0),
  /** Start-up passed and no continuous test has failed; output flows. */
  HEALTHY(1),
  /** A test failed; every read throws until an operator calls reset. */
  FAILED(2);

  private final int gaugeValue;

  HealthState(int gaugeValue) {
    this.gaugeValue = gaugeValue;
  }

  /** The value published by the state gauge: 0 start-up, 1 healthy, 2 failed. */
  public int gaugeValue() {
    return gaugeValue;
  }
}
