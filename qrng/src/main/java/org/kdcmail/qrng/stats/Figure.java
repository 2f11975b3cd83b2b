package org.kdcmail.qrng.stats;

import java.util.Objects;

/**
 * One named number a test reports, e.g. {@code z = 0.41} or {@code failed blocks = 0}. Always
 * finite, so it can be written as JSON.
 *
 * @param name short label, as printed in the report
 * @param value the finite value
 */
public record Figure(String name, double value) {

  /** Validates the figure. */
  public Figure {
    Objects.requireNonNull(name, "name");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("figure " + name + " must be finite, got " + value);
    }
  }
}
