package org.kdcmail.kdc.protocol.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Limbs256Test {

  private static final BigInteger P = FieldElement.P;

  private static List<BigInteger> samples() {
    List<BigInteger> values = new ArrayList<>();
    for (long small : new long[] {0, 1, 2, 188, 189, 190}) {
      values.add(BigInteger.valueOf(small));
      values.add(P.subtract(BigInteger.valueOf(small + 1)));
    }
    values.add(BigInteger.ONE.shiftLeft(64));
    values.add(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
    values.add(BigInteger.ONE.shiftLeft(255));
    Random random = new Random(5);
    for (int i = 0; i < 40; i++) {
      values.add(new BigInteger(256, random).mod(P));
      values.add(new BigInteger(random.nextInt(256) + 1, random).mod(P));
    }
    return values;
  }

  @Test
  void arithmetic_allPairs_matchesBigInteger() {
    List<BigInteger> values = samples();
    long[] out = new long[4];
    for (BigInteger a : values) {
      for (BigInteger b : values) {
        long[] la = Limbs256.of(a);
        long[] lb = Limbs256.of(b);
        Limbs256.multiply(la, lb, out);
        assertThat(Limbs256.toBigInteger(out)).isEqualTo(a.multiply(b).mod(P));
        Limbs256.add(la, lb, out);
        assertThat(Limbs256.toBigInteger(out)).isEqualTo(a.add(b).mod(P));
        Limbs256.subtract(la, lb, out);
        assertThat(Limbs256.toBigInteger(out)).isEqualTo(a.subtract(b).mod(P));
      }
    }
  }

  @Test
  void multiply_aliasedOutput_matchesBigInteger() {
    BigInteger a = P.subtract(BigInteger.TWO);
    long[] la = Limbs256.of(a);
    Limbs256.multiply(la, la, la);
    assertThat(Limbs256.toBigInteger(la)).isEqualTo(a.multiply(a).mod(P));
  }
}
