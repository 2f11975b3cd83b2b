package org.kdcmail.qrng.bank;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A 256-bit secret key handed out by the bank. The bytes are held privately and read only through
 * {@link #copyBytes()}; {@link #destroy()} overwrites them with zeros. Equality is checked in
 * constant time, {@link #hashCode()} is constant (it reveals nothing) and {@link #toString()} never
 * prints the bytes.
 */
public final class KeyMaterial implements Destroyable {
  /** The length of every bank key: 32 bytes (256 bits). */
  public static final int LENGTH_BYTES = 32;

  private final byte[] bytes;
  private volatile boolean destroyed;

  private KeyMaterial(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "key material must be " + LENGTH_BYTES + " bytes, got " + bytes.length);
    }
    this.bytes = bytes;
  }

  /** A key holding a copy of {@code bytes}; the caller may zero its array afterwards. */
  public static KeyMaterial copyOf(byte[] bytes) {
    return new KeyMaterial(bytes.clone());
  }

  /** Takes ownership of {@code bytes} without copying; the caller must not keep a reference. */
  static KeyMaterial adopt(byte[] bytes) {
    return new KeyMaterial(bytes);
  }

  /**
   * A fresh copy of the key bytes; zero it when done.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] copyBytes() {
    if (destroyed) {
      throw new IllegalStateException("key material has been destroyed");
    }
    return bytes.clone();
  }

  /** Overwrites the key bytes with zeros; later reads fail. */
  @Override
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Constant-time comparison of the key bytes. */
  @Override
  public boolean equals(Object other) {
    return other instanceof KeyMaterial that && MessageDigest.isEqual(bytes, that.bytes);
  }

  /** Constant, so that hashing never depends on the secret. */
  @Override
  public int hashCode() {
    return LENGTH_BYTES;
  }

  @Override
  public String toString() {
    return "KeyMaterial[256 bits" + (destroyed ? ", destroyed]" : "]");
  }
}
