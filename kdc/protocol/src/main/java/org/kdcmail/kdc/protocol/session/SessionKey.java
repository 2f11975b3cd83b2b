package org.kdcmail.kdc.protocol.session;

import java.util.Objects;
import org.kdcmail.secrets.SecretBytes;
import org.kdcmail.secrets.SecretKey256;

/**
 * The session key K_S (32 bytes), shared by the sender and every recipient of one issuance. Never
 * printed, compared in constant time, zeroized by {@link #destroy()}.
 */
public final class SessionKey extends SecretKey256 {

  private SessionKey(SecretBytes secret) {
    super(secret, "a session key");
  }

  /** A key holding a copy of {@code bytes}, which must be 32 bytes long. */
  public static SessionKey copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new SessionKey(SecretBytes.copyOf(bytes));
  }

  /** Takes ownership of {@code bytes} (zeroized by {@link #destroy()}). */
  static SessionKey wrap(byte[] bytes) {
    return new SessionKey(SecretBytes.wrap(bytes));
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
