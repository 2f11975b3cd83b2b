package org.kdcmail.kdc.protocol.session;

import java.security.SecureRandom;
import java.util.Objects;

/** The randomness for nonces; production passes a {@link SecureRandom} (or the qrng source). */
@FunctionalInterface
public interface SessionRandom {

  /** Fills {@code out} with fresh random bytes. */
  void nextBytes(byte[] out);

  /** An adapter for a {@link SecureRandom}. */
  static SessionRandom of(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return random::nextBytes;
  }

  /** {@code n} fresh random bytes. */
  default byte[] next(int n) {
    byte[] b = new byte[n];
    nextBytes(b);
    return b;
  }
}
