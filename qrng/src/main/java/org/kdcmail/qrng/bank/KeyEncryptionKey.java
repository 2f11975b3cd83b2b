package org.kdcmail.qrng.bank;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The 256-bit key-encryption key (KEK) supplied when the bank is opened. Every stored key is
 * encrypted under a per-batch key derived from it; the bank never writes the KEK to disk. The bytes
 * are private, compared in constant time and never printed.
 */
public final class KeyEncryptionKey implements Destroyable {
  /** The KEK length: 32 bytes. */
  public static final int LENGTH_BYTES = 32;

  private final byte[] bytes;
  private volatile boolean destroyed;

  private KeyEncryptionKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A KEK holding a copy of {@code bytes} (exactly 32); the caller may zero its array. */
  public static KeyEncryptionKey copyOf(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "key-encryption key must be " + LENGTH_BYTES + " bytes, got " + bytes.length);
    }
    return new KeyEncryptionKey(bytes.clone());
  }

  /** A copy of the KEK bytes for key derivation; zero it when done. */
  byte[] copyBytes() {
    if (destroyed) {
      throw new IllegalStateException("key-encryption key has been destroyed");
    }
    return bytes.clone();
  }

  /** Overwrites the KEK bytes with zeros. */
  @Override
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyEncryptionKey that && MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return LENGTH_BYTES;
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[256 bits, redacted]";
  }
}
