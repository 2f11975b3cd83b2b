package org.kdcmail.qrng;

import java.util.Objects;

/**
 * What an entropy source declares about itself.
 *
 * @param id a stable identifier such as {@code device:/dev/qrandom0} or {@code system}
 * @param kind what the source draws on
 * @param minEntropyPerSample the assessed min-entropy H of one sample, in bits; the SP 800-90B
 *     health-test cutoffs are computed from it
 * @param binarySamples true when each sample is one bit (stored as 0 or 1 in a byte); false when
 *     each sample is a full byte
 */
public record SourceDescriptor(
    String id, SourceKind kind, double minEntropyPerSample, boolean binarySamples) {

  public SourceDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    if (id.isBlank()) {
      throw new IllegalArgumentException("source id must not be blank");
    }
    double maximum = binarySamples ? 1.0 : 8.0;
    if (!(minEntropyPerSample > 0 && minEntropyPerSample <= maximum)) {
      throw new IllegalArgumentException(
          "min-entropy per sample must be in (0, "
              + maximum
              + "] bits, got "
              + minEntropyPerSample);
    }
  }

  /** Bits per sample: 1 for binary samples, 8 otherwise. */
  public int bitsPerSample() {
    return binarySamples ? 1 : 8;
  }

  /** The provenance label, e.g. {@code "device:/dev/qrandom0 (quantum)"}. */
  public String provenanceLabel() {
    return id + " (" + kind.label() + ")";
  }
}
