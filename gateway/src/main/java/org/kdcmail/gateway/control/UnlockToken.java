package org.kdcmail.gateway.control;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A bearer token of the unlock channel: 32 random bytes, written as 64 hex digits. Compared in
 * constant time, never printed ({@link #toString()} is redacted), zeroized by {@link #destroy()}.
 */
public final class UnlockToken implements Destroyable {

  /** Token length in bytes. */
  public static final int LENGTH_BYTES = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private volatile boolean destroyed;

  private UnlockToken(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh token from {@code random}. */
  public static UnlockToken generate(SecureRandom random) {
    byte[] b = new byte[LENGTH_BYTES];
    random.nextBytes(b);
    return new UnlockToken(b);
  }

  /**
   * The token written as {@code hex} (surrounding white space ignored).
   *
   * @throws IllegalArgumentException unless it is exactly 64 hex digits
   */
  public static UnlockToken parse(CharSequence hex) {
    Objects.requireNonNull(hex, "hex");
    String s = hex.toString().strip();
    if (s.length() != 2 * LENGTH_BYTES) {
      throw new IllegalArgumentException("an unlock token is " + 2 * LENGTH_BYTES + " hex digits");
    }
    try {
      return new UnlockToken(HEX.parseHex(s));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an unlock token is hex digits only", e);
    }
  }

  /** The 64 hex digits, for the token file and the {@code Authorization} header. */
  public String hex() {
    requireAlive();
    return HEX.formatHex(bytes);
  }

  /** Whether {@code other} is the same token, in time independent of where they differ. */
  public boolean matches(UnlockToken other) {
    requireAlive();
    other.requireAlive();
    return MessageDigest.isEqual(bytes, other.bytes);
  }

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
    return "UnlockToken[redacted]";
  }

  private void requireAlive() {
    if (destroyed) {
      throw new IllegalStateException("this unlock token was destroyed");
    }
  }
}
