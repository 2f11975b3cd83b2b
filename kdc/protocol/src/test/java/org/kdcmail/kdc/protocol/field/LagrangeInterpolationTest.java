package org.kdcmail.kdc.protocol.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LagrangeInterpolationTest {

  private static final LagrangeInterpolation FIVE = LagrangeInterpolation.ENROLLMENT;
  private final Random random = new Random(42);

  private FieldElement randomElement() {
    return FieldElement.reduce(new BigInteger(256, random));
  }

  private static FieldElement element(long value) {
    return FieldElement.of(BigInteger.valueOf(value));
  }

  /** Horner evaluation of Σ c_k x^k: the independent reference. */
  private static FieldElement evaluate(List<FieldElement> coefficients, FieldElement x) {
    FieldElement acc = FieldElement.ZERO;
    for (int k = coefficients.size() - 1; k >= 0; k--) {
      acc = acc.multiply(x).add(coefficients.get(k));
    }
    return acc;
  }

  private List<FieldElement> randomPolynomial() {
    List<FieldElement> coefficients = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      coefficients.add(randomElement());
    }
    return coefficients;
  }

  private static List<FieldPoint> pointsOn(List<FieldElement> coefficients, List<FieldElement> xs) {
    return xs.stream().map(x -> new FieldPoint(x, evaluate(coefficients, x))).toList();
  }

  @Test
  void interceptOf_degreeFourPolynomial_recoversConstantTerm() {
    for (int round = 0; round < 20; round++) {
      List<FieldElement> poly = randomPolynomial();
      List<FieldElement> xs =
          List.of(
              randomElement(), randomElement(), randomElement(), randomElement(), randomElement());
      assertThat(FIVE.interceptOf(pointsOn(poly, xs))).isEqualTo(poly.get(0));
    }
  }

  @Test
  void evaluateAt_anyB_matchesPolynomial() {
    List<FieldElement> poly = randomPolynomial();
    List<FieldPoint> points =
        pointsOn(poly, List.of(element(1), element(2), element(3), element(4), element(5)));
    for (FieldElement b :
        List.of(
            randomElement(),
            element(3),
            FieldElement.of(FieldElement.P.subtract(BigInteger.ONE)))) {
      assertThat(FIVE.evaluateAt(points, b)).isEqualTo(evaluate(poly, b));
    }
  }

  @Test
  void interceptOf_anyFiveOfSix_agree() {
    List<FieldElement> poly = randomPolynomial();
    List<FieldElement> xs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      xs.add(randomElement());
    }
    List<FieldPoint> six = pointsOn(poly, xs);
    for (int skip = 0; skip < 6; skip++) {
      List<FieldPoint> five = new ArrayList<>(six);
      five.remove(skip);
      assertThat(FIVE.interceptOf(five)).isEqualTo(poly.get(0));
    }
  }

  @Test
  void interceptOf_pointOrder_doesNotMatter() {
    List<FieldPoint> points =
        new ArrayList<>(
            pointsOn(
                randomPolynomial(),
                List.of(element(9), element(8), element(7), element(6), element(5))));
    FieldElement expected = FIVE.interceptOf(points);
    java.util.Collections.reverse(points);
    assertThat(FIVE.interceptOf(points)).isEqualTo(expected);
  }

  @Test
  void interceptOf_xZero_rejects() {
    List<FieldPoint> points =
        List.of(
            new FieldPoint(FieldElement.ZERO, element(7)),
            new FieldPoint(element(1), element(1)),
            new FieldPoint(element(2), element(1)),
            new FieldPoint(element(3), element(1)),
            new FieldPoint(element(4), element(1)));
    assertThatThrownBy(() -> FIVE.interceptOf(points))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x = 0 is not allowed: f(0) is the secret");
    assertThatThrownBy(() -> FIVE.evaluateAt(points, element(9)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void interceptOf_duplicateX_rejects() {
    List<FieldPoint> points =
        List.of(
            new FieldPoint(element(5), element(7)),
            new FieldPoint(element(1), element(1)),
            new FieldPoint(element(2), element(1)),
            new FieldPoint(element(3), element(1)),
            new FieldPoint(element(5), element(2)));
    assertThatThrownBy(() -> FIVE.interceptOf(points))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate x-coordinate in enrollment points");
  }

  @Test
  void interceptOf_fourOrSixPoints_rejects() {
    List<FieldPoint> six =
        pointsOn(
            randomPolynomial(),
            List.of(element(1), element(2), element(3), element(4), element(5), element(6)));
    assertThatThrownBy(() -> FIVE.interceptOf(six.subList(0, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interpolation needs exactly 5 points, got 4");
    assertThatThrownBy(() -> FIVE.interceptOf(six))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interpolation needs exactly 5 points, got 6");
  }

  @Test
  void forPointCount_otherCounts_interpolate() {
    List<FieldElement> line = List.of(element(11), element(3));
    List<FieldPoint> two = pointsOn(line, List.of(element(4), element(100)));
    assertThat(LagrangeInterpolation.forPointCount(2).interceptOf(two)).isEqualTo(element(11));
    assertThat(
            LagrangeInterpolation.forPointCount(1)
                .interceptOf(List.of(new FieldPoint(element(4), element(9)))))
        .isEqualTo(element(9));
    assertThatThrownBy(() -> LagrangeInterpolation.forPointCount(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LagrangeInterpolation.forPointCount(65))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
