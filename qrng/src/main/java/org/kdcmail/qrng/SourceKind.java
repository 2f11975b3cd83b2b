package org.kdcmail.qrng;

/** What physical process an entropy source draws on; recorded in every key's provenance. */
public enum SourceKind {
  /** A quantum random number generator device. */
  QUANTUM("quantum"),
  /** The operating system's entropy pool: allowed only when configured explicitly. */
  SYSTEM("not quantum"),
  /** A deterministic or deliberately broken source used by tests. */
  TEST("test only, not quantum");

  private final String label;

  SourceKind(String label) {
    this.label = label;
  }

  /** The label shown in logs, selftest output and key provenance, e.g. {@code "not quantum"}. */
  public String label() {
    return label;
  }

  public boolean isQuantum() {
    return this == QUANTUM;
  }
}
