package org.kdcmail.secrets;

import javax.security.auth.Destroyable;

/**
 * The common shape of kdcmail's 256-bit keys (master keys, session and pairwise keys, bank keys,
 * key-encryption keys): exactly 32 bytes held in {@link SecretBytes}, zeroized by {@link
 * #destroy()}, equal only to a key of the same class with the same bytes (compared in constant
 * time), never printed. Subclasses decide who may read the bytes.
 */
public abstract class SecretKey256 implements Destroyable {

  /** Key length in bytes. */
  public static final int LENGTH_BYTES = 32;

  private final SecretBytes secret;

  /**
   * @param secret the key bytes, which this key now owns
   * @param what how error messages name the key, e.g. {@code "a master key"}
   * @throws IllegalArgumentException when {@code secret} is not 32 bytes long
   */
  protected SecretKey256(SecretBytes secret, String what) {
    if (secret.length() != LENGTH_BYTES) {
      int length = secret.length();
      secret.destroy();
      throw new IllegalArgumentException(
          what + " must be " + LENGTH_BYTES + " bytes, got " + length);
    }
    this.secret = secret;
  }

  /**
   * A copy of the key bytes for the subclass to hand out; the receiver zeroizes it.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  protected final byte[] secretBytes() {
    return secret.copyBytes();
  }

  @Override
  public final void destroy() {
    secret.destroy();
  }

  @Override
  public final boolean isDestroyed() {
    return secret.isDestroyed();
  }

  /** Constant-time comparison of the key bytes; keys of different classes are never equal. */
  @Override
  public final boolean equals(Object other) {
    return other != null
        && other.getClass() == getClass()
        && secret.equalsConstantTime(((SecretKey256) other).secret);
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode();
  }

  /** The class name and the key size, never a byte of the key. */
  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[256 bits, redacted"
        + (isDestroyed() ? ", destroyed]" : "]");
  }
}
