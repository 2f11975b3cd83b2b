package org.kdcmail.kdc.protocol.session;

import java.util.Objects;
import javax.security.auth.Destroyable;
import org.kdcmail.secrets.SecretBytes;

/**
 * A pairwise key K_AB (32 bytes), known only to the sender A and one recipient B (and the KDC that
 * made it). Key confirmation and per-recipient authenticators use it, never K_S, so a co-recipient
 * cannot speak for A. Never printed, compared in constant time, zeroized by {@link #destroy()}.
 */
public final class PairwiseKey implements Destroyable {

  private final SecretBytes secret;

  private PairwiseKey(SecretBytes secret) {
    this.secret = secret;
  }

  /** A key holding a copy of {@code bytes}, which must be 32 bytes long. */
  public static PairwiseKey copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != SessionProtocol.KEY_BYTES) {
      throw new IllegalArgumentException(
          "a key is " + SessionProtocol.KEY_BYTES + " bytes, got " + bytes.length);
    }
    return new PairwiseKey(SecretBytes.copyOf(bytes));
  }

  /** Takes ownership of {@code bytes} (zeroized by {@link #destroy()}). */
  static PairwiseKey wrap(byte[] bytes) {
    if (bytes.length != SessionProtocol.KEY_BYTES) {
      throw new IllegalArgumentException("a key is " + SessionProtocol.KEY_BYTES + " bytes");
    }
    return new PairwiseKey(SecretBytes.wrap(bytes));
  }

  /**
   * A copy of the key bytes; the caller zeroizes it when done.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] copyBytes() {
    return secret.copyBytes();
  }

  @Override
  public void destroy() {
    secret.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  /** Constant-time comparison of the key bytes. */
  @Override
  public boolean equals(Object other) {
    return other instanceof PairwiseKey that && secret.equalsConstantTime(that.secret);
  }

  @Override
  public int hashCode() {
    return PairwiseKey.class.hashCode();
  }

  @Override
  public String toString() {
    return "PairwiseKey[redacted]";
  }
}
