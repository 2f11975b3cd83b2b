package org.kdcmail.qrng.bank;

import java.util.Objects;

/**
 * A bank key's identifier: its batch and its sequence number within the batch. Unique forever
 * because batch ids are random 128-bit values and sequence numbers are never reused inside a batch.
 * Printed as {@code <batch hex>-<sequence>}.
 *
 * @param batchId the batch the key was generated in
 * @param sequence the key's position in the batch, from 0
 */
public record KeyId(BatchId batchId, int sequence) {

  public KeyId {
    Objects.requireNonNull(batchId, "batchId");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
  }

  /** Parses the form printed by {@link #toString()}. */
  public static KeyId parse(String text) {
    int dash = text.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("key id must look like <batch hex>-<sequence>");
    }
    return new KeyId(
        BatchId.parse(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1)));
  }

  @Override
  public String toString() {
    return batchId + "-" + sequence;
  }
}
