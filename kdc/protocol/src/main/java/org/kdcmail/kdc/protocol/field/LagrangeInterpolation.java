package org.kdcmail.kdc.protocol.field;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Lagrange interpolation over GF(p): evaluates at any b the unique polynomial of degree below n
 * through exactly n points. The master key uses {@link #ENROLLMENT} (five points: the user's p1 and
 * the KDC's p2..p5) evaluated at 0.
 *
 * <p>Guarantees: every point set is checked before any arithmetic. A point with x = 0 is refused
 * (it would make f(0), the secret, equal to that point's y), as are two points with the same x (the
 * basis would divide by zero) and a point count other than the one this instance was made for. The
 * refusals throw {@link IllegalArgumentException} with a message naming the rule, never a
 * coordinate.
 *
 * <p>Cost: one modular inversion per evaluation (the n basis denominators are inverted together,
 * Montgomery's trick), plus about n² + 6n multiplications mod p.
 */
public final class LagrangeInterpolation {

  /** The enrollment instance: exactly five points (seed §3.2.2). */
  public static final LagrangeInterpolation ENROLLMENT = new LagrangeInterpolation(5);

  /** Largest point count accepted by {@link #forPointCount(int)}. */
  public static final int MAX_POINTS = 64;

  private static final BigInteger P = FieldElement.P;

  private final int pointCount;

  private LagrangeInterpolation(int pointCount) {
    this.pointCount = pointCount;
  }

  /**
   * An instance that accepts exactly {@code pointCount} points (a polynomial of degree below it).
   *
   * @throws IllegalArgumentException unless 1 ≤ pointCount ≤ {@value #MAX_POINTS}
   */
  public static LagrangeInterpolation forPointCount(int pointCount) {
    if (pointCount < 1 || pointCount > MAX_POINTS) {
      throw new IllegalArgumentException(
          "point count must be in [1, " + MAX_POINTS + "], got " + pointCount);
    }
    return new LagrangeInterpolation(pointCount);
  }

  /** The number of points this instance requires. */
  public int pointCount() {
    return pointCount;
  }

  /**
   * f(0): the polynomial's constant term, the secret behind a master key.
   *
   * @throws IllegalArgumentException as for {@link #evaluateAt(List, FieldElement)}
   */
  public FieldElement interceptOf(List<FieldPoint> points) {
    return evaluateAt(points, FieldElement.ZERO);
  }

  /**
   * f(b) = Σ y_i · Π_{j≠i} (b − x_j) / Π_{j≠i} (x_i − x_j).
   *
   * @throws IllegalArgumentException when the list does not hold exactly {@link #pointCount()}
   *     points, a point has x = 0, or two points share an x-coordinate
   */
  public FieldElement evaluateAt(List<FieldPoint> points, FieldElement b) {
    Objects.requireNonNull(b, "b");
    BigInteger[] xs = checkedXs(points);
    BigInteger[] denominators = denominators(xs);
    BigInteger[] numerators = numerators(xs, b.toBigInteger());
    BigInteger[] inverses = batchInverse(denominators);
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < xs.length; i++) {
      BigInteger basis = numerators[i].multiply(inverses[i]).mod(P);
      sum = sum.add(points.get(i).y().toBigInteger().multiply(basis));
    }
    return FieldElement.reduce(sum);
  }

  private BigInteger[] checkedXs(List<FieldPoint> points) {
    Objects.requireNonNull(points, "points");
    if (points.size() != pointCount) {
      throw new IllegalArgumentException(
          "interpolation needs exactly " + pointCount + " points, got " + points.size());
    }
    BigInteger[] xs = new BigInteger[pointCount];
    for (int i = 0; i < pointCount; i++) {
      FieldPoint point = Objects.requireNonNull(points.get(i), "point");
      if (point.x().isZero()) {
        throw new IllegalArgumentException("x = 0 is not allowed: f(0) is the secret");
      }
      xs[i] = point.x().toBigInteger();
    }
    return xs;
  }

  /** D_i = Π_{j≠i} (x_i − x_j); a zero difference means a duplicate x. */
  private static BigInteger[] denominators(BigInteger[] xs) {
    int n = xs.length;
    BigInteger[] out = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      BigInteger product = BigInteger.ONE;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          BigInteger difference = xs[i].subtract(xs[j]);
          if (difference.signum() == 0) {
            throw new IllegalArgumentException("duplicate x-coordinate in enrollment points");
          }
          product = product.multiply(difference).mod(P);
        }
      }
      out[i] = product;
    }
    return out;
  }

  /** N_i = Π_{j≠i} (b − x_j), from prefix and suffix products. */
  private static BigInteger[] numerators(BigInteger[] xs, BigInteger b) {
    int n = xs.length;
    BigInteger[] terms = new BigInteger[n];
    for (int j = 0; j < n; j++) {
      terms[j] = b.subtract(xs[j]);
    }
    BigInteger[] out = new BigInteger[n];
    BigInteger prefix = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      out[i] = prefix;
      prefix = prefix.multiply(terms[i]).mod(P);
    }
    BigInteger suffix = BigInteger.ONE;
    for (int i = n - 1; i >= 0; i--) {
      out[i] = out[i].multiply(suffix).mod(P);
      suffix = suffix.multiply(terms[i]).mod(P);
    }
    return out;
  }

  /** Inverts every (non-zero) value with one modInverse: Montgomery's trick. */
  private static BigInteger[] batchInverse(BigInteger[] values) {
    int n = values.length;
    BigInteger[] prefix = new BigInteger[n];
    BigInteger running = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      prefix[i] = running;
      running = running.multiply(values[i]).mod(P);
    }
    BigInteger inverse = running.modInverse(P);
    BigInteger[] out = new BigInteger[n];
    for (int i = n - 1; i >= 0; i--) {
      out[i] = inverse.multiply(prefix[i]).mod(P);
      inverse = inverse.multiply(values[i]).mod(P);
    }
    return out;
  }
}
