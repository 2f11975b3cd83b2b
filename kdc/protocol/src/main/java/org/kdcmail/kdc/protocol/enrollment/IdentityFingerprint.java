package org.kdcmail.kdc.protocol.enrollment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The fingerprint of the KDC's Ed25519 identity: SHA-256 of the raw 32-byte public key, shown as 64
 * lowercase hex digits in 16 groups of four joined by colons ({@code 3f2a:09bc:...}). Parsing
 * ignores case, colons, hyphens and spaces. The client pins it from the invitation.
 */
public final class IdentityFingerprint {

  /** Length of the hash. */
  public static final int LENGTH_BYTES = 32;

  private final byte[] hash;

  private IdentityFingerprint(byte[] hash) {
    this.hash = hash;
  }

  /** The fingerprint of a raw 32-byte Ed25519 public key. */
  public static IdentityFingerprint of(byte[] ed25519PublicKey) {
    Objects.requireNonNull(ed25519PublicKey, "ed25519PublicKey");
    if (ed25519PublicKey.length != EnrollmentProtocol.ED25519_PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
    }
    return new IdentityFingerprint(sha256(ed25519PublicKey));
  }

  /**
   * Parses the displayed form.
   *
   * @throws IllegalArgumentException naming the first invalid character, or the wrong length
   */
  public static IdentityFingerprint parse(String text) {
    Objects.requireNonNull(text, "text");
    StringBuilder hex = new StringBuilder(64);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ':' || c == '-' || c == ' ') {
        continue;
      }
      if (Character.digit(c, 16) < 0 || c > 127) {
        throw new IllegalArgumentException(
            "invalid character '" + c + "' at position " + (i + 1) + " of the KDC fingerprint");
      }
      hex.append(c);
    }
    if (hex.length() != 2 * LENGTH_BYTES) {
      throw new IllegalArgumentException("a KDC fingerprint has 64 hex digits");
    }
    return new IdentityFingerprint(HexFormat.of().parseHex(hex));
  }

  /** 16 groups of four lowercase hex digits joined by colons. */
  public String format() {
    String hex = HexFormat.of().formatHex(hash);
    StringBuilder sb = new StringBuilder(79);
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 4);
    }
    return sb.toString();
  }

  /** Constant-time comparison. */
  public boolean equalsConstantTime(IdentityFingerprint other) {
    return other != null && MessageDigest.isEqual(hash, other.hash);
  }

  /** Whether {@code ed25519PublicKey} has this fingerprint (constant time). */
  public boolean matches(byte[] ed25519PublicKey) {
    return ed25519PublicKey != null
        && ed25519PublicKey.length == EnrollmentProtocol.ED25519_PUBLIC_KEY_BYTES
        && MessageDigest.isEqual(hash, sha256(ed25519PublicKey));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityFingerprint that && equalsConstantTime(that);
  }

  @Override
  public int hashCode() {
    return hash[0] << 24 | (hash[1] & 0xFF) << 16 | (hash[2] & 0xFF) << 8 | (hash[3] & 0xFF);
  }

  @Override
  public String toString() {
    return format();
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
