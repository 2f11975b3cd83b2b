package org.kdcmail.qrng.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class BinomialTailTest {

  @Test
  void upperTail_fairCoin1024_matchesExactBigDecimal() {
    BinomialTail tail = new BinomialTail(1024, 0.5);
    for (int c : new int[] {0, 1, 300, 512, 589, 600, 700, 1000, 1024}) {
      double exact = exactTail(1024, c).doubleValue();
      assertThat(tail.upperTail(c)).as("P[X >= %d]", c).isCloseTo(exact, within(exact * 1e-9));
    }
  }

  @Test
  void upperTail_farTail_doesNotUnderflowInLogSpace() {
    BinomialTail tail = new BinomialTail(1024, 0.5);
    // P[X = 1024] = 2^-1024, below the smallest normal double; the log must still be exact.
    assertThat(tail.logUpperTail(1024)).isCloseTo(-1024 * Math.log(2), within(1e-9));
    assertThat(tail.logUpperTail(1025)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(tail.logUpperTail(0)).isEqualTo(0.0);
  }

  @Test
  void smallestCutoff_fairCoin_isOnePlusCritbinom() {
    BinomialTail tail = new BinomialTail(1024, 0.5);
    int c = tail.smallestCutoff(0x1p-20);
    assertThat(exactTail(1024, c).compareTo(BigDecimal.valueOf(0x1p-20))).isLessThanOrEqualTo(0);
    assertThat(exactTail(1024, c - 1).compareTo(BigDecimal.valueOf(0x1p-20))).isPositive();
  }

  @Test
  void constructor_probabilityOutOfRange_rejects() {
    assertThatThrownBy(() -> new BinomialTail(10, 0.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BinomialTail(10, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BinomialTail(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }

  /** P[Binomial(n, 1/2) >= c], exactly. */
  private static BigDecimal exactTail(int n, int c) {
    BigInteger sum = BigInteger.ZERO;
    BigInteger choose = BigInteger.ONE;
    for (int k = 0; k <= n; k++) {
      if (k >= c) {
        sum = sum.add(choose);
      }
      choose = choose.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1));
    }
    return new BigDecimal(sum)
        .divide(new BigDecimal(BigInteger.TWO.pow(n)), MathContext.DECIMAL128);
  }
}
