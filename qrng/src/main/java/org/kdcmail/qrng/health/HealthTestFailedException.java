package org.kdcmail.qrng.health;

import org.kdcmail.qrng.EntropyUnavailableException;

/**
 * A health test failed on an entropy source, which is now FAILED: no output until an operator
 * resets it. The message names the test, the source and the cutoff.
 */
public final class HealthTestFailedException extends EntropyUnavailableException {
  private static final long serialVersionUID = 1L;

  private final transient HealthFailure failure;

  public HealthTestFailedException(HealthFailure failure) {
    super(failure.message());
    this.failure = failure;
  }

  /** The failure that put the source into FAILED. */
  public HealthFailure failure() {
    return failure;
  }
}
