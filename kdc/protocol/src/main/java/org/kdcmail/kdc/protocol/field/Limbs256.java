package org.kdcmail.kdc.protocol.field;

import java.math.BigInteger;

/**
 * Arithmetic mod p = 2^256 − 189 on four 64-bit little-endian limbs, without allocation per
 * operation: the hot path of {@link LagrangeInterpolation}. Written to avoid value-dependent
 * branches, but the JIT gives no constant-time guarantee. Inputs and outputs are fully reduced
 * (below p). Package-private.
 */
final class Limbs256 {

  private static final long C = 189; // 2^256 ≡ 189 (mod p)

  private Limbs256() {}

  static long[] of(BigInteger value) {
    long[] out = new long[4];
    for (int i = 0; i < 4; i++) {
      out[i] = value.shiftRight(64 * i).longValue();
    }
    return out;
  }

  static BigInteger toBigInteger(long[] a) {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 4; i++) {
      long limb = a[3 - i];
      for (int k = 0; k < 8; k++) {
        bytes[8 * i + k] = (byte) (limb >>> (56 - 8 * k));
      }
    }
    return new BigInteger(1, bytes);
  }

  static boolean isZero(long[] a) {
    return (a[0] | a[1] | a[2] | a[3]) == 0;
  }

  /** out = a + b mod p (out may alias a or b). */
  static void add(long[] a, long[] b, long[] out) {
    long carry = 0;
    for (int i = 0; i < 4; i++) {
      long s = a[i] + b[i];
      long c1 = Long.compareUnsigned(s, a[i]) < 0 ? 1 : 0;
      long t = s + carry;
      long c2 = Long.compareUnsigned(t, s) < 0 ? 1 : 0;
      out[i] = t;
      carry = c1 | c2;
    }
    // a + b ≥ 2^256: subtract p by adding 189 and dropping 2^256 (result < p, no further carry)
    addSmall(out, carry * C);
    reduceOnce(out);
  }

  /** out = a − b mod p (out may alias a or b). */
  static void subtract(long[] a, long[] b, long[] out) {
    long borrow = 0;
    for (int i = 0; i < 4; i++) {
      long d = a[i] - b[i];
      long b1 = Long.compareUnsigned(a[i], b[i]) < 0 ? 1 : 0;
      long e = d - borrow;
      long b2 = Long.compareUnsigned(d, borrow) < 0 ? 1 : 0;
      out[i] = e;
      borrow = b1 | b2;
    }
    // negative: add p = 2^256 − 189, i.e. subtract 189 and drop the 2^256
    long sub = borrow * C;
    long prev = out[0];
    out[0] = prev - sub;
    long br = Long.compareUnsigned(prev, sub) < 0 ? 1 : 0;
    for (int i = 1; i < 4; i++) {
      prev = out[i];
      out[i] = prev - br;
      br = (prev == 0 && br == 1) ? 1 : 0;
    }
  }

  /** out = a · b mod p (out may alias a or b). */
  static void multiply(long[] a, long[] b, long[] out) {
    long[] t = new long[8];
    for (int i = 0; i < 4; i++) {
      long carry = 0;
      for (int j = 0; j < 4; j++) {
        long lo = a[i] * b[j];
        long hi = unsignedMultiplyHigh(a[i], b[j]);
        long s = lo + t[i + j];
        hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
        long u = s + carry;
        hi += Long.compareUnsigned(u, s) < 0 ? 1 : 0;
        t[i + j] = u;
        carry = hi;
      }
      t[i + 4] = carry;
    }
    reduceWide(t, out);
  }

  /** out = t mod p for an 8-limb t: L + 189·H, folded twice. */
  private static void reduceWide(long[] t, long[] out) {
    long carry = 0;
    for (int i = 0; i < 4; i++) {
      long lo = t[i + 4] * C;
      long hi = unsignedMultiplyHigh(t[i + 4], C);
      long s = lo + t[i];
      hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
      long u = s + carry;
      hi += Long.compareUnsigned(u, s) < 0 ? 1 : 0;
      out[i] = u;
      carry = hi;
    }
    // carry < 2^8 + 1: fold carry·2^256 ≡ carry·189, then any final wrap once more
    long wrapped = addSmall(out, carry * C);
    addSmall(out, wrapped * C);
    reduceOnce(out);
  }

  /** a += small (< 2^63); returns the carry out of 2^256 (0 or 1). */
  private static long addSmall(long[] a, long small) {
    long prev = a[0];
    a[0] = prev + small;
    long carry = Long.compareUnsigned(a[0], prev) < 0 ? 1 : 0;
    for (int i = 1; i < 4; i++) {
      prev = a[i];
      a[i] = prev + carry;
      carry = (carry == 1 && a[i] == 0) ? 1 : 0;
    }
    return carry;
  }

  /** For a < 2^256: a − p if a ≥ p (equivalently a + 189 ≥ 2^256), selected without a branch. */
  private static void reduceOnce(long[] a) {
    long[] s = a.clone();
    long mask = -addSmall(s, C);
    for (int i = 0; i < 4; i++) {
      a[i] = (s[i] & mask) | (a[i] & ~mask);
    }
  }

  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }
}
