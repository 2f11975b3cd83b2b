package org.kdcmail.qrng.bank;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.kdcmail.qrng.SourceKind;

/**
 * Where a bank key came from, so that a bad batch can be found and revoked later. Every key of a
 * batch shares its batch's provenance. Stored (and authenticated) with millisecond precision.
 *
 * @param sourceId the entropy source that seeded the DRBG, e.g. {@code device:/dev/qrandom0}
 * @param sourceKind what that source draws on (quantum or not)
 * @param batchId the batch the key belongs to
 * @param createdAt when the batch was started, truncated to milliseconds
 */
public record KeyProvenance(
    String sourceId, SourceKind sourceKind, BatchId batchId, Instant createdAt) {

  public KeyProvenance {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(sourceKind, "sourceKind");
    Objects.requireNonNull(batchId, "batchId");
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
    if (sourceId.isBlank() || sourceId.length() > 255) {
      throw new IllegalArgumentException("source id must be 1..255 characters");
    }
  }

  /** The label shown in logs and audit records, e.g. {@code "device:/dev/qrandom0 (quantum)"}. */
  public String sourceLabel() {
    return sourceId + " (" + sourceKind.label() + ")";
  }
}
