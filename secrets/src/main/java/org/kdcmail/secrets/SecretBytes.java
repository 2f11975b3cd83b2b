package org.kdcmail.secrets;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * Secret bytes held in memory: a private array read only through {@link #copyBytes()}, overwritten
 * with zeros by {@link #destroy()}, compared only in constant time ({@link #equalsConstantTime})
 * and never printed ({@link #toString()} gives the length only).
 *
 * <p>Key types hold one of these and delegate to it; they keep their own length rules, {@code
 * equals}, {@code hashCode} and {@code toString}. {@code equals} of this class is identity, so a
 * secret never ends up compared in variable time by a collection.
 */
public final class SecretBytes implements Destroyable {

  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Secret bytes holding a copy of {@code bytes}; the caller may zero its array afterwards. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(Objects.requireNonNull(bytes, "bytes").clone());
  }

  /**
   * Takes ownership of {@code bytes} without copying: {@link #destroy()} zeroes that very array.
   * The caller must not keep or use a reference to it.
   */
  public static SecretBytes wrap(byte[] bytes) {
    return new SecretBytes(Objects.requireNonNull(bytes, "bytes"));
  }

  /** The number of secret bytes (still known after {@link #destroy()}). */
  public int length() {
    return bytes.length;
  }

  /**
   * A fresh copy of the bytes; the caller zeroes it when done.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] copyBytes() {
    if (destroyed) {
      throw new IllegalStateException("the secret has been destroyed");
    }
    return bytes.clone();
  }

  /**
   * True iff {@code other} holds the same bytes, compared in time independent of where they differ.
   * Never throws: after {@link #destroy()} the content compared is all zeros.
   */
  public boolean equalsConstantTime(SecretBytes other) {
    return other != null && MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Overwrites the bytes with zeros; later {@link #copyBytes()} calls fail. */
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
  public String toString() {
    return "SecretBytes[redacted, " + bytes.length + " bytes]";
  }
}
