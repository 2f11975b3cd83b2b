package org.kdcmail.qrng.selftest;

/** Receives progress from a running {@link SelfTest}, e.g. to draw a progress bar. */
public interface SelfTestProgress {

  /** Does nothing. */
  SelfTestProgress NONE = new SelfTestProgress() {};

  /** A phase starts that will process {@code totalBytes}. */
  default void phaseStarted(String phase, long totalBytes) {}

  /** {@code doneBytes} of the current phase are finished. */
  default void advanced(long doneBytes) {}
}
