package org.kdcmail.qrng.bank;

import javax.security.auth.Destroyable;
import org.kdcmail.secrets.SecretBytes;

/**
 * The 256-bit key-encryption key (KEK) supplied when the bank is opened. Every stored key is
 * encrypted under a per-batch key derived from it; the bank never writes the KEK to disk. The bytes
 * are private, compared in constant time and never printed.
 */
public final class KeyEncryptionKey implements Destroyable {
  /** The KEK length: 32 bytes. */
  public static final int LENGTH_BYTES = 32;

  private final SecretBytes secret;

  private KeyEncryptionKey(SecretBytes secret) {
    this.secret = secret;
  }

  /** A KEK holding a copy of {@code bytes} (exactly 32); the caller may zero its array. */
  public static KeyEncryptionKey copyOf(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "key-encryption key must be " + LENGTH_BYTES + " bytes, got " + bytes.length);
    }
    return new KeyEncryptionKey(SecretBytes.copyOf(bytes));
  }

  /** A copy of the KEK bytes for key derivation; zero it when done. */
  byte[] copyBytes() {
    return secret.copyBytes();
  }

  /** Overwrites the KEK bytes with zeros. */
  @Override
  public void destroy() {
    secret.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyEncryptionKey that && secret.equalsConstantTime(that.secret);
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
