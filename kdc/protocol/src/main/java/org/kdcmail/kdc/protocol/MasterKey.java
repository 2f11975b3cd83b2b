package org.kdcmail.kdc.protocol;

import java.util.Objects;
import javax.security.auth.Destroyable;
import org.kdcmail.secrets.SecretBytes;

/**
 * A user's 256-bit master key, shared only by the user and the KDC. Never printed, compared in
 * constant time, zeroized by {@link #destroy()}. The KDC keeps it only encrypted under its KEK; the
 * client re-derives it at unlock time and keeps it in memory only.
 */
public final class MasterKey implements Destroyable {

  /** Key length in bytes. */
  public static final int LENGTH_BYTES = 32;

  private final SecretBytes secret;

  private MasterKey(SecretBytes secret) {
    this.secret = secret;
  }

  /** A master key holding a copy of {@code bytes}, which must be 32 bytes long. */
  public static MasterKey copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "a master key is " + LENGTH_BYTES + " bytes, got " + bytes.length);
    }
    return new MasterKey(SecretBytes.copyOf(bytes));
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
    return other instanceof MasterKey that && secret.equalsConstantTime(that.secret);
  }

  @Override
  public int hashCode() {
    return MasterKey.class.hashCode();
  }

  @Override
  public String toString() {
    return "MasterKey[redacted]";
  }
}
