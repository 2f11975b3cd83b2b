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
    long[][] xs = checkedXs(points);
    long[][] denominators = denominators(xs);
    long[][] numerators = numerators(xs, Limbs256.of(b.toBigInteger()));
    long[][] inverses = batchInverse(denominators);
    long[] sum = new long[4];
    long[] term = new long[4];
    for (int i = 0; i < xs.length; i++) {
      Limbs256.multiply(numerators[i], inverses[i], term);
      Limbs256.multiply(term, Limbs256.of(points.get(i).y().toBigInteger()), term);
      Limbs256.add(sum, term, sum);
    }
    return FieldElement.of(Limbs256.toBigInteger(sum));
  }

  private long[][] checkedXs(List<FieldPoint> points) {
    Objects.requireNonNull(points, "points");
    if (points.size() != pointCount) {
      throw new IllegalArgumentException(
          "interpolation needs exactly " + pointCount + " points, got " + points.size());
    }
    long[][] xs = new long[pointCount][];
    for (int i = 0; i < pointCount; i++) {
      FieldPoint point = Objects.requireNonNull(points.get(i), "point");
      if (point.x().isZero()) {
        throw new IllegalArgumentException("x = 0 is not allowed: f(0) is the secret");
      }
      xs[i] = Limbs256.of(point.x().toBigInteger());
    }
    return xs;
  }

  /** D_i = Π_{j≠i} (x_i − x_j); a zero difference means a duplicate x. */
  private static long[][] denominators(long[][] xs) {
    int n = xs.length;
    long[][] out = new long[n][];
    long[] difference = new long[4];
    for (int i = 0; i < n; i++) {
      long[] product = {1, 0, 0, 0};
      for (int j = 0; j < n; j++) {
        if (j != i) {
          Limbs256.subtract(xs[i], xs[j], difference);
          if (Limbs256.isZero(difference)) {
            throw new IllegalArgumentException("duplicate x-coordinate in enrollment points");
          }
          Limbs256.multiply(product, difference, product);
        }
      }
      out[i] = product;
    }
    return out;
  }

  /** N_i = Π_{j≠i} (b − x_j), from prefix and suffix products. */
  private static long[][] numerators(long[][] xs, long[] b) {
    int n = xs.length;
    long[][] out = new long[n][];
    long[] prefix = {1, 0, 0, 0};
    long[] term = new long[4];
    for (int i = 0; i < n; i++) {
      out[i] = prefix.clone();
      Limbs256.subtract(b, xs[i], term);
      Limbs256.multiply(prefix, term, prefix);
    }
    long[] suffix = {1, 0, 0, 0};
    for (int i = n - 1; i >= 0; i--) {
      Limbs256.multiply(out[i], suffix, out[i]);
      Limbs256.subtract(b, xs[i], term);
      Limbs256.multiply(suffix, term, suffix);
    }
    return out;
  }

  /** Inverts every (non-zero) value with one modInverse: Montgomery's trick. */
  private static long[][] batchInverse(long[][] values) {
    int n = values.length;
    long[][] prefix = new long[n][];
    long[] running = {1, 0, 0, 0};
    for (int i = 0; i < n; i++) {
      prefix[i] = running.clone();
      Limbs256.multiply(running, values[i], running);
    }
    long[] inverse = Limbs256.of(Limbs256.toBigInteger(running).modInverse(P));
    long[][] out = new long[n][];
    for (int i = n - 1; i >= 0; i--) {
      out[i] = new long[4];
      Limbs256.multiply(inverse, prefix[i], out[i]);
      Limbs256.multiply(inverse, values[i], inverse);
    }
    return out;
  }
}
