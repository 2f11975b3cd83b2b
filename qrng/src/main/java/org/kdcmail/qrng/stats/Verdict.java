package org.kdcmail.qrng.stats;

/** The outcome of one statistical test. */
public enum Verdict {
  /** The statistic lies inside the acceptance region. */
  PASS,
  /** The statistic lies outside the acceptance region; the whole run fails. */
  FAIL,
  /** A figure reported for information (as {@code ent} prints it); it never fails a run. */
  INFO
}
