package org.kdcmail.kdc.protocol;

import java.util.Objects;
import org.kdcmail.secrets.SecretBytes;
import org.kdcmail.secrets.SecretKey256;

/**
 * A user's 256-bit master key, shared only by the user and the KDC. Never printed, compared in
 * constant time, zeroized by {@link #destroy()}. The KDC keeps it only encrypted under its KEK; the
 * client re-derives it at unlock time and keeps it in memory only.
 */
public final class MasterKey extends SecretKey256 {

  private MasterKey(SecretBytes secret) {
    super(secret, "a master key");
  }

  /** A key holding a copy of {@code bytes}, which must be 32 bytes long. */
  public static MasterKey copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new MasterKey(SecretBytes.copyOf(bytes));
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
