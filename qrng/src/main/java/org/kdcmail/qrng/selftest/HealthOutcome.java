package org.kdcmail.qrng.selftest;

import java.util.Objects;
import java.util.Optional;
import org.kdcmail.qrng.health.HealthState;
import org.kdcmail.qrng.health.HealthTestCutoffs;

/**
 * What the SP 800-90B health tests concluded during a selftest.
 *
 * @param cutoffs the cutoffs in force, computed from the declared min-entropy
 * @param finalState the source's state at the end
 * @param samplesTested raw samples that went through the tests
 * @param error empty when the source stayed healthy; otherwise the reason, e.g. "repetition count
 *     test failed ..." or a device error
 */
public record HealthOutcome(
    HealthTestCutoffs cutoffs, HealthState finalState, long samplesTested, Optional<String> error) {

  public HealthOutcome {
    Objects.requireNonNull(cutoffs, "cutoffs");
    Objects.requireNonNull(finalState, "finalState");
    Objects.requireNonNull(error, "error");
  }

  /** True when the source passed start-up and stayed healthy. */
  public boolean passed() {
    return error.isEmpty() && finalState == HealthState.HEALTHY;
  }
}
