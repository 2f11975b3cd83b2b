package org.kdcmail.qrng;

import java.util.Objects;

/**
 * How a {@link RandomBitGenerator} is built, as printed by the selftest.
 *
 * @param mechanism the SP 800-90A mechanism, e.g. {@code "Hash_DRBG/SHA-512"}
 * @param securityStrengthBits the instantiated security strength
 * @param reseedIntervalRequests generate requests between reseeds
 * @param predictionResistance whether every request reseeds from the source first
 * @param source the source that seeds and reseeds it
 */
public record DrbgDescription(
    String mechanism,
    int securityStrengthBits,
    long reseedIntervalRequests,
    boolean predictionResistance,
    SourceDescriptor source) {

  public DrbgDescription {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(source, "source");
    if (reseedIntervalRequests < 1) {
      throw new IllegalArgumentException("reseed interval must be positive");
    }
  }
}
