package org.kdcmail.kdc.protocol.field;

import java.util.Arrays;
import java.util.Objects;

/**
 * A point (x, y) over GF(p): one share of the polynomial behind a master key. Encodes as x ‖ y,
 * {@value #ENCODED_BYTES} bytes.
 */
public record FieldPoint(FieldElement x, FieldElement y) {

  /** Length of the encoding: two field elements. */
  public static final int ENCODED_BYTES = 2 * FieldElement.ENCODED_BYTES;

  public FieldPoint {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
  }

  /** x ‖ y, each 32 bytes big-endian. */
  public byte[] encode() {
    byte[] out = new byte[ENCODED_BYTES];
    byte[] xs = x.encode();
    byte[] ys = y.encode();
    System.arraycopy(xs, 0, out, 0, FieldElement.ENCODED_BYTES);
    System.arraycopy(ys, 0, out, FieldElement.ENCODED_BYTES, FieldElement.ENCODED_BYTES);
    Arrays.fill(ys, (byte) 0);
    return out;
  }

  /**
   * Decodes x ‖ y.
   *
   * @throws IllegalArgumentException when the length is wrong or a coordinate is not below p
   */
  public static FieldPoint decode(byte[] encoded) {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length != ENCODED_BYTES) {
      throw new IllegalArgumentException(
          "field point must be " + ENCODED_BYTES + " bytes, got " + encoded.length);
    }
    return new FieldPoint(
        FieldElement.decode(Arrays.copyOfRange(encoded, 0, FieldElement.ENCODED_BYTES)),
        FieldElement.decode(
            Arrays.copyOfRange(encoded, FieldElement.ENCODED_BYTES, ENCODED_BYTES)));
  }

  /** Never prints coordinates. */
  @Override
  public String toString() {
    return "FieldPoint[redacted]";
  }
}
