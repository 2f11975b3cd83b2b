package org.kdcmail.kdc.protocol.session;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The id of one issuance: an opaque byte string of 1..64 bytes (the KDC uses the UTF-8 of the key
 * bank's key id, {@code <32 hex>-<seq>}). Public; compared by content.
 */
public final class SessionKeyId {

  /** Longest key id in bytes. */
  public static final int MAX_BYTES = 64;

  private final byte[] bytes;

  private SessionKeyId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A key id holding a copy of {@code bytes} (1..64 bytes). */
  public static SessionKeyId of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < 1 || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("a key id is 1.." + MAX_BYTES + " bytes");
    }
    return new SessionKeyId(bytes.clone());
  }

  /** The key id made of the UTF-8 bytes of {@code text} (e.g. a key bank key id). */
  public static SessionKeyId ofText(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] raw() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionKeyId that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The UTF-8 text if the bytes are printable ASCII, else {@code hex:<hex>}. */
  @Override
  public String toString() {
    for (byte b : bytes) {
      if (b < 0x21 || b > 0x7E) {
        return "hex:" + HexFormat.of().formatHex(bytes);
      }
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
