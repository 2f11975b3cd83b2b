package org.kdcmail.kdc.protocol.field;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * An element of GF(p) with p = 2^256 − 189 (the largest 256-bit prime). Immutable; encodes as
 * exactly {@value #ENCODED_BYTES} big-endian bytes.
 *
 * <p>Values derived from secrets (password-derived coordinates, f(0)) are elements too; callers
 * that hold such elements keep them no longer than needed. {@link #toString()} never prints the
 * value.
 */
public final class FieldElement {

  /** The field's prime, 2^256 − 189. */
  public static final BigInteger P =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.valueOf(189));

  /** Length of the encoding. */
  public static final int ENCODED_BYTES = 32;

  /** The additive identity. */
  public static final FieldElement ZERO = new FieldElement(BigInteger.ZERO);

  /** The multiplicative identity. */
  public static final FieldElement ONE = new FieldElement(BigInteger.ONE);

  private final BigInteger value;

  private FieldElement(BigInteger value) {
    this.value = value;
  }

  /**
   * The element with this canonical value.
   *
   * @throws IllegalArgumentException when {@code value} is negative or not below p
   */
  public static FieldElement of(BigInteger value) {
    Objects.requireNonNull(value, "value");
    if (value.signum() < 0 || value.compareTo(P) >= 0) {
      throw new IllegalArgumentException("field element out of range: must be in [0, p)");
    }
    return new FieldElement(value);
  }

  /** The element {@code value mod p}, for any integer (e.g. a hash output read as unsigned). */
  public static FieldElement reduce(BigInteger value) {
    return new FieldElement(value.mod(P));
  }

  /** Reads 32 bytes, big-endian, as an unsigned integer and reduces it mod p. */
  public static FieldElement reduce(byte[] unsignedBigEndian) {
    return reduce(new BigInteger(1, unsignedBigEndian));
  }

  /**
   * Decodes exactly 32 big-endian bytes.
   *
   * @throws IllegalArgumentException when the length is not 32 or the value is not below p
   */
  public static FieldElement decode(byte[] encoded) {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length != ENCODED_BYTES) {
      throw new IllegalArgumentException(
          "field element must be " + ENCODED_BYTES + " bytes, got " + encoded.length);
    }
    BigInteger value = new BigInteger(1, encoded);
    if (value.compareTo(P) >= 0) {
      throw new IllegalArgumentException("field element not below p");
    }
    return new FieldElement(value);
  }

  /** The 32-byte big-endian encoding. */
  public byte[] encode() {
    byte[] magnitude = value.toByteArray();
    byte[] out = new byte[ENCODED_BYTES];
    int copy = Math.min(magnitude.length, ENCODED_BYTES);
    System.arraycopy(magnitude, magnitude.length - copy, out, ENCODED_BYTES - copy, copy);
    Arrays.fill(magnitude, (byte) 0);
    return out;
  }

  public BigInteger toBigInteger() {
    return value;
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  public FieldElement add(FieldElement other) {
    return reduce(value.add(other.value));
  }

  public FieldElement subtract(FieldElement other) {
    return reduce(value.subtract(other.value));
  }

  public FieldElement multiply(FieldElement other) {
    return reduce(value.multiply(other.value));
  }

  /**
   * The multiplicative inverse.
   *
   * @throws ArithmeticException for zero
   */
  public FieldElement inverse() {
    if (isZero()) {
      throw new ArithmeticException("zero has no inverse in GF(p)");
    }
    return new FieldElement(value.modInverse(P));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldElement that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Never prints the value: elements may be derived from secrets. */
  @Override
  public String toString() {
    return "FieldElement[redacted]";
  }
}
