package org.kdcmail.qrng.stats;

/** The names under which {@link StatisticsReport#result(String)} finds each test. */
public final class TestNames {
  /** SP 800-22 §2.1 frequency test over all bits. */
  public static final String MONOBIT = "monobit";

  /** SP 800-22 §2.3 runs test over all bits. */
  public static final String RUNS = "runs";

  /** Pearson chi-square over the 256 byte values, 255 degrees of freedom. */
  public static final String CHI_SQUARE = "chi-square";

  /** ent's serial correlation coefficient between successive bytes. */
  public static final String SERIAL_CORRELATION = "serial correlation";

  /** Shannon entropy of the byte histogram, bits per byte. */
  public static final String ENTROPY = "entropy (Shannon)";

  /** SP 800-90B §6.3.1 most-common-value min-entropy estimate (information only). */
  public static final String MIN_ENTROPY = "min-entropy (MCV)";

  /** Arithmetic mean of the bytes (information only). */
  public static final String MEAN = "arithmetic mean";

  /** ent's Monte Carlo estimate of pi (information only). */
  public static final String MONTE_CARLO_PI = "Monte Carlo pi";

  /** FIPS 140-2 monobit test per 20,000-bit block. */
  public static final String FIPS_MONOBIT = "FIPS 140-2 monobit";

  /** FIPS 140-2 poker test per 20,000-bit block. */
  public static final String FIPS_POKER = "FIPS 140-2 poker";

  /** FIPS 140-2 runs test per 20,000-bit block. */
  public static final String FIPS_RUNS = "FIPS 140-2 runs";

  /** FIPS 140-2 long run test (a run of 26 or more) per 20,000-bit block. */
  public static final String FIPS_LONG_RUN = "FIPS 140-2 long run";

  /** Continuous run test: a 32-bit word equal to the one before, as rngtest runs it. */
  public static final String FIPS_CONTINUOUS_RUN = "FIPS 140-2 continuous run";

  private TestNames() {}
}
