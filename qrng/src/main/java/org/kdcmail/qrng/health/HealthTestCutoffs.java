package org.kdcmail.qrng.health;

import org.kdcmail.qrng.SourceDescriptor;

/**
 * The SP 800-90B continuous health-test parameters for one source, derived from its declared
 * min-entropy H per sample and the false-alarm probability alpha.
 *
 * <ul>
 *   <li>repetition count test (§4.4.1): {@code C = 1 + ceil(-log2(alpha) / H)};
 *   <li>adaptive proportion test (§4.4.2): window {@code W = 1024} for binary samples, {@code 512}
 *       otherwise; cutoff the smallest c with {@code P[Binomial(W, 2^-H) >= c] <= alpha}.
 * </ul>
 *
 * @param minEntropyPerSample the declared H, in bits per sample
 * @param binarySamples whether samples are single bits
 * @param alpha the false-alarm probability of each test
 * @param repetitionCountCutoff fail when a run of identical samples reaches this length
 * @param adaptiveProportionWindow the APT window W, in samples
 * @param adaptiveProportionCutoff fail when the window's first sample occurs this often in it
 */
public record HealthTestCutoffs(
    double minEntropyPerSample,
    boolean binarySamples,
    double alpha,
    int repetitionCountCutoff,
    int adaptiveProportionWindow,
    int adaptiveProportionCutoff) {

  /** The production false-alarm probability, 2^-40 per test. */
  public static final double PRODUCTION_ALPHA = 0x1p-40;

  /** The APT window for binary samples. */
  public static final int BINARY_WINDOW = 1024;

  /** The APT window for non-binary samples. */
  public static final int NON_BINARY_WINDOW = 512;

  public HealthTestCutoffs {
    if (!(minEntropyPerSample > 0 && minEntropyPerSample <= (binarySamples ? 1.0 : 8.0))) {
      throw new IllegalArgumentException("min-entropy out of range: " + minEntropyPerSample);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    if (repetitionCountCutoff < 2) {
      throw new IllegalArgumentException("RCT cutoff must be at least 2");
    }
    if (adaptiveProportionWindow < 2) {
      throw new IllegalArgumentException("APT window must be at least 2 samples");
    }
    if (adaptiveProportionCutoff < 2) {
      throw new IllegalArgumentException("APT cutoff must be at least 2");
    }
  }

  /** The cutoffs for a source's declared H at the production alpha of 2^-40. */
  public static HealthTestCutoffs forSource(SourceDescriptor descriptor) {
    return compute(descriptor.minEntropyPerSample(), descriptor.binarySamples(), PRODUCTION_ALPHA);
  }

  /** Computes the cutoffs from H, the sample kind and alpha. */
  public static HealthTestCutoffs compute(
      double minEntropyPerSample, boolean binarySamples, double alpha) {
    if (!(minEntropyPerSample > 0) || !(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException(
          "need H > 0 and alpha in (0, 1), got H=" + minEntropyPerSample + ", alpha=" + alpha);
    }
    int rct = 1 + (int) Math.ceil(negativeLog2(alpha) / minEntropyPerSample);
    int window = binarySamples ? BINARY_WINDOW : NON_BINARY_WINDOW;
    double p = Math.pow(2.0, -minEntropyPerSample);
    int apt = new BinomialTail(window, p).smallestCutoff(alpha);
    return new HealthTestCutoffs(minEntropyPerSample, binarySamples, alpha, rct, window, apt);
  }

  /** {@code -log2(alpha)}, exact when alpha is a power of two so the ceiling is not off by one. */
  private static double negativeLog2(double alpha) {
    int exponent = Math.getExponent(alpha);
    if (alpha == Math.scalb(1.0, exponent)) {
      return -exponent;
    }
    return -Math.log(alpha) / Math.log(2.0);
  }
}
