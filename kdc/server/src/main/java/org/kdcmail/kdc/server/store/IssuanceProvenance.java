package org.kdcmail.kdc.server.store;

import java.util.Objects;
import org.kdcmail.qrng.bank.KeyProvenance;

/**
 * Where an issued session key came from, kept so that a bad QRNG batch can be revoked.
 *
 * @param sourceId the entropy source, e.g. {@code device:/dev/qrandom0} (1..255 characters)
 * @param sourceKind its kind label, e.g. {@code quantum} (1..32 characters)
 * @param batchId the key bank batch, as printed by {@code BatchId.toString()} (1..64 characters)
 */
public record IssuanceProvenance(String sourceId, String sourceKind, String batchId) {
  public IssuanceProvenance {
    check("sourceId", sourceId, 255);
    check("sourceKind", sourceKind, 32);
    check("batchId", batchId, 64);
  }

  /** The provenance of a key bank key. */
  public static IssuanceProvenance of(KeyProvenance provenance) {
    return new IssuanceProvenance(
        provenance.sourceId(), provenance.sourceKind().label(), provenance.batchId().toString());
  }

  private static void check(String name, String value, int maxChars) {
    Objects.requireNonNull(value, name);
    if (value.isBlank() || value.length() > maxChars) {
      throw new IllegalArgumentException(name + " must be 1.." + maxChars + " characters");
    }
  }
}
