package org.kdcmail.kdc.protocol.enrollment;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The randomness the handshake consumes (ephemeral X25519 and ML-KEM keys, the ML-KEM encapsulation
 * seed, enrollment codes, invitation ids). The KDC feeds its QRNG-backed DRBG; tests feed a
 * deterministic stream to reproduce the published vectors.
 */
@FunctionalInterface
public interface EnrollmentRandom {

  /** Fills {@code out} with fresh random bytes. */
  void nextBytes(byte[] out);

  /** An adapter for a {@link SecureRandom}. */
  static EnrollmentRandom of(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return random::nextBytes;
  }
}
