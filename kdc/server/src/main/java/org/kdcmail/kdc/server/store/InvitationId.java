package org.kdcmail.kdc.server.store;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A 16-byte random invitation id; not secret (printed as hex), unique per invitation. */
public final class InvitationId {
  /** Length in bytes. */
  public static final int LENGTH_BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] bytes;

  private InvitationId(byte[] bytes) {
    this.bytes = bytes;
  }

  static InvitationId random() {
    byte[] fresh = new byte[LENGTH_BYTES];
    RANDOM.nextBytes(fresh);
    return new InvitationId(fresh);
  }

  /** The id from its 16 bytes. */
  public static InvitationId of(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("invitation id must be 16 bytes, got " + bytes.length);
    }
    return new InvitationId(bytes.clone());
  }

  /** The id from 32 hex digits. */
  public static InvitationId parse(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InvitationId that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
