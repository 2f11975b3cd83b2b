package org.kdcmail.qrng.bank;

import javax.security.auth.Destroyable;
import org.kdcmail.secrets.SecretBytes;

/**
 * A 256-bit secret key handed out by the bank. The bytes are held privately and read only through
 * {@link #copyBytes()}; {@link #destroy()} overwrites them with zeros. Equality is checked in
 * constant time, {@link #hashCode()} is constant (it reveals nothing) and {@link #toString()} never
 * prints the bytes.
 */
public final class KeyMaterial implements Destroyable {
  /** The length of every bank key: 32 bytes (256 bits). */
  public static final int LENGTH_BYTES = 32;

  private final SecretBytes secret;

  private KeyMaterial(SecretBytes secret) {
    if (secret.length() != LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "key material must be " + LENGTH_BYTES + " bytes, got " + secret.length());
    }
    this.secret = secret;
  }

  /** A key holding a copy of {@code bytes}; the caller may zero its array afterwards. */
  public static KeyMaterial copyOf(byte[] bytes) {
    return new KeyMaterial(SecretBytes.copyOf(bytes));
  }

  /** Takes ownership of {@code bytes} without copying; the caller must not keep a reference. */
  static KeyMaterial adopt(byte[] bytes) {
    return new KeyMaterial(SecretBytes.wrap(bytes));
  }

  /**
   * A fresh copy of the key bytes; zero it when done.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] copyBytes() {
    return secret.copyBytes();
  }

  /** Overwrites the key bytes with zeros; later reads fail. */
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
    return other instanceof KeyMaterial that && secret.equalsConstantTime(that.secret);
  }

  /** Constant, so that hashing never depends on the secret. */
  @Override
  public int hashCode() {
    return LENGTH_BYTES;
  }

  @Override
  public String toString() {
    return "KeyMaterial[256 bits" + (isDestroyed() ? ", destroyed]" : "]");
  }
}
