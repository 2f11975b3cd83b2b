package org.kdcmail.qrng;

/**
 * A deterministic random bit generator seeded only from a health-tested entropy source. Thread
 * safe. When the source has failed and a reseed is due, {@link #nextBytes} throws an {@link
 * EntropyUnavailableException} instead of carrying on from the old state.
 */
public interface RandomBitGenerator {

  /** Fills {@code output} with fresh random bytes. */
  void nextBytes(byte[] output);

  /** The mechanism, strength, reseed policy and seeding source, for selftest and provenance. */
  DrbgDescription description();
}
