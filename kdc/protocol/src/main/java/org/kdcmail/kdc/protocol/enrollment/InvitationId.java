package org.kdcmail.kdc.protocol.enrollment;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The public identifier of one invitation: 16 random bytes, shown as 32 lowercase hex digits. Not a
 * secret (it travels in clear in the ClientHello); the enrollment code is the secret.
 */
public final class InvitationId {

  /** Length in bytes. */
  public static final int LENGTH_BYTES = 16;

  private final byte[] bytes;

  private InvitationId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh id from {@code random}. */
  public static InvitationId generate(EnrollmentRandom random) {
    byte[] b = new byte[LENGTH_BYTES];
    random.nextBytes(b);
    return new InvitationId(b);
  }

  /** The id with these 16 bytes. */
  public static InvitationId of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("an invitation id is 16 bytes, got " + bytes.length);
    }
    return new InvitationId(bytes.clone());
  }

  /** Parses 32 hex digits (case-insensitive). */
  public static InvitationId parse(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 2 * LENGTH_BYTES) {
      throw new IllegalArgumentException("an invitation id is 32 hex digits");
    }
    return new InvitationId(HexFormat.of().parseHex(hex));
  }

  /** A copy of the 16 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  byte[] raw() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InvitationId that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** 32 lowercase hex digits. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
