package org.kdcmail.qrng.bank;

import java.util.Objects;
import org.kdcmail.secrets.SecretBytes;
import org.kdcmail.secrets.SecretKey256;

/**
 * The 256-bit key-encryption key (KEK) supplied when the bank is opened. Every stored key is
 * encrypted under a per-batch key derived from it; the bank never writes the KEK to disk. The bytes
 * are private, compared in constant time and never printed.
 */
public final class KeyEncryptionKey extends SecretKey256 {

  private KeyEncryptionKey(SecretBytes secret) {
    super(secret, "a key-encryption key");
  }

  /** A key holding a copy of {@code bytes}, which must be 32 bytes long. */
  public static KeyEncryptionKey copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new KeyEncryptionKey(SecretBytes.copyOf(bytes));
  }

  /**
   * A copy of the key bytes; the caller zeroizes it when done.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  byte[] copyBytes() {
    return secretBytes();
  }
}
