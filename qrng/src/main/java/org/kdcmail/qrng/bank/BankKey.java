package org.kdcmail.qrng.bank;

import java.util.Objects;

/**
 * One key handed out by {@link KeyBank#take()}: its unique id, its secret bytes and its provenance.
 * The bank hands out each key at most once. {@link #toString()} never prints the secret.
 *
 * @param id unique forever
 * @param secret the 256-bit key; {@link KeyMaterial#destroy() destroy} it when done
 * @param provenance source, batch and time of generation
 */
public record BankKey(KeyId id, KeyMaterial secret, KeyProvenance provenance) {

  public BankKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(provenance, "provenance");
    if (!id.batchId().equals(provenance.batchId())) {
      throw new IllegalArgumentException("key id and provenance name different batches");
    }
  }
}
