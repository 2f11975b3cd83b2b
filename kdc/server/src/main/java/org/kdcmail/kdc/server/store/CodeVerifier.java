package org.kdcmail.kdc.server.store;

import java.security.MessageDigest;

/**
 * What the store keeps instead of an enrollment code: {@code HMAC-SHA256(K_inv, len || username ||
 * len || code)} with {@code K_inv} derived from the KEK for purpose {@code "store/invitation-code"}
 * (see {@link KdcStore#codeVerifier}). A keyed hash suffices because the code carries at least 100
 * random bits; without the KEK a stolen database gives nothing to test guesses against. Compared in
 * constant time; never printed.
 */
public final class CodeVerifier {
  /** Length in bytes. */
  public static final int LENGTH_BYTES = 32;

  private final byte[] bytes;

  private CodeVerifier(byte[] bytes) {
    this.bytes = bytes;
  }

  static CodeVerifier adopt(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("code verifier must be 32 bytes");
    }
    return new CodeVerifier(bytes);
  }

  byte[] bytes() {
    return bytes.clone();
  }

  /** Constant-time comparison. */
  public boolean matches(CodeVerifier other) {
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CodeVerifier that && matches(that);
  }

  @Override
  public int hashCode() {
    return LENGTH_BYTES;
  }

  @Override
  public String toString() {
    return "CodeVerifier[redacted]";
  }
}
