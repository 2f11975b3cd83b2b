package org.kdcmail.kdc.protocol.session;

import java.util.Objects;
import javax.security.auth.Destroyable;
import org.kdcmail.secrets.SecretBytes;

/**
 * The session key K_S (32 bytes), shared by the sender and every recipient of one issuance. Never
 * printed, compared in constant time, zeroized by {@link #destroy()}.
 */
public final class SessionKey implements Destroyable {

  private final SecretBytes secret;

  private SessionKey(SecretBytes secret) {
    this.secret = secret;
  }

  /** A key holding a copy of {@code bytes}, which must be 32 bytes long. */
  public static SessionKey copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != SessionProtocol.KEY_BYTES) {
      throw new IllegalArgumentException(
          "a key is " + SessionProtocol.KEY_BYTES + " bytes, got " + bytes.length);
    }
    return new SessionKey(SecretBytes.copyOf(bytes));
  }

  /** Takes ownership of {@code bytes} (zeroized by {@link #destroy()}). */
  static SessionKey wrap(byte[] bytes) {
    if (bytes.length != SessionProtocol.KEY_BYTES) {
      throw new IllegalArgumentException("a key is " + SessionProtocol.KEY_BYTES + " bytes");
    }
    return new SessionKey(SecretBytes.wrap(bytes));
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
    return other instanceof SessionKey that && secret.equalsConstantTime(that.secret);
  }

  @Override
  public int hashCode() {
    return SessionKey.class.hashCode();
  }

  @Override
  public String toString() {
    return "SessionKey[redacted]";
  }
}
