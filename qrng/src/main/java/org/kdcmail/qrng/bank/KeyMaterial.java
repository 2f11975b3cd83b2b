package org.kdcmail.qrng.bank;

import java.util.Objects;
import org.kdcmail.secrets.SecretBytes;
import org.kdcmail.secrets.SecretKey256;

/**
 * A 256-bit secret key handed out by the bank. The bytes are held privately and read only through
 * {@link #copyBytes()}; {@link #destroy()} overwrites them with zeros. Equality is checked in
 * constant time, {@link #hashCode()} is constant (it reveals nothing) and {@link #toString()} never
 * prints the bytes.
 */
public final class KeyMaterial extends SecretKey256 {

  private KeyMaterial(SecretBytes secret) {
    super(secret, "key material");
  }

  /** A key holding a copy of {@code bytes}, which must be 32 bytes long. */
  public static KeyMaterial copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new KeyMaterial(SecretBytes.copyOf(bytes));
  }

  /** Takes ownership of {@code bytes} (zeroized by {@link #destroy()}). */
  static KeyMaterial adopt(byte[] bytes) {
    return new KeyMaterial(SecretBytes.wrap(bytes));
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
