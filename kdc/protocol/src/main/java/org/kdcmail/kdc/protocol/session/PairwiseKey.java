package org.kdcmail.kdc.protocol.session;

import java.util.Objects;
import org.kdcmail.secrets.SecretBytes;
import org.kdcmail.secrets.SecretKey256;

/**
 * A pairwise key K_AB (32 bytes), known only to the sender A and one recipient B (and the KDC that
 * made it). Key confirmation and per-recipient authenticators use it, never K_S, so a co-recipient
 * cannot speak for A. Never printed, compared in constant time, zeroized by {@link #destroy()}.
 */
public final class PairwiseKey extends SecretKey256 {

  private PairwiseKey(SecretBytes secret) {
    super(secret, "a pairwise key");
  }

  /** A key holding a copy of {@code bytes}, which must be 32 bytes long. */
  public static PairwiseKey copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new PairwiseKey(SecretBytes.copyOf(bytes));
  }

  /** Takes ownership of {@code bytes} (zeroized by {@link #destroy()}). */
  static PairwiseKey wrap(byte[] bytes) {
    return new PairwiseKey(SecretBytes.wrap(bytes));
  }

  /**
   * A copy of the key bytes; the caller zeroizes it when done.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] copyBytes() {
    return secretBytes();
  }
}
