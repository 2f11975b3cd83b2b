package org.kdcmail.qrng.bank;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A 128-bit random batch identifier, drawn from the DRBG when the batch is started. Random ids stay
 * unique across restarts, restores and several bank instances without coordination (collision
 * probability about n²/2¹²⁹), unlike a database identity that a restore would rewind.
 *
 * @param high the first 8 bytes, big-endian
 * @param low the last 8 bytes, big-endian
 */
public record BatchId(long high, long low) {
  /** Length of the binary form. */
  public static final int LENGTH_BYTES = 16;

  /** The batch id in 16 raw bytes. */
  public static BatchId fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("batch id must be 16 bytes, got " + bytes.length);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new BatchId(buffer.getLong(), buffer.getLong());
  }

  /** Parses the 32-character lower-case hex form printed by {@link #toString()}. */
  public static BatchId parse(String hex) {
    if (hex.length() != 2 * LENGTH_BYTES) {
      throw new IllegalArgumentException("batch id must be 32 hex characters");
    }
    return fromBytes(HexFormat.of().parseHex(hex));
  }

  /** The 16-byte binary form (big-endian {@code high} then {@code low}). */
  public byte[] toBytes() {
    return ByteBuffer.allocate(LENGTH_BYTES).putLong(high).putLong(low).array();
  }

  /** 32 lower-case hex characters. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(toBytes());
  }
}
