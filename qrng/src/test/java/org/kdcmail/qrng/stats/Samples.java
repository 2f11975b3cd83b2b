package org.kdcmail.qrng.stats;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Test inputs: healthy, stuck, biased and patterned byte sequences. */
final class Samples {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Samples() {}

  static byte[] secureRandom(int length) {
    byte[] out = new byte[length];
    RANDOM.nextBytes(out);
    return out;
  }

  /** Deterministic SHA1PRNG output: seeded before first use, it never reads the OS. */
  static byte[] seeded(int length, long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      byte[] out = new byte[length];
      random.nextBytes(out);
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Independent bits, each 1 with probability 3/4: the OR of two uniform bytes. */
  static byte[] threeQuartersOnes(int length) {
    byte[] a = secureRandom(length);
    byte[] b = secureRandom(length);
    for (int i = 0; i < length; i++) {
      a[i] |= b[i];
    }
    return a;
  }

  /** 0, 1, 2, ..., 255, 0, 1, ... */
  static byte[] counter(int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) i;
    }
    return out;
  }

  static StatisticsReport report(byte[] data) {
    StatisticsAccumulator accumulator = new StatisticsAccumulator();
    accumulator.update(data);
    return accumulator.report();
  }
}
