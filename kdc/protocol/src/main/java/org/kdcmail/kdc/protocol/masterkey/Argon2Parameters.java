package org.kdcmail.kdc.protocol.masterkey;

/**
 * Cost parameters of the Argon2id run (RFC 9106, version 0x13) that turns an MK password into y1.
 * The output is always {@value #TAG_BYTES} bytes. Validated on construction; bounded so that a
 * configuration typo cannot ask for more than {@value #MAX_MEMORY_KIB} KiB.
 *
 * @param memoryKiB memory cost m in KiB; at least 8 × parallelism (RFC 9106 §3.1)
 * @param iterations passes t, at least 1
 * @param parallelism lanes p, in [1, 255]
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

  /** Length of the Argon2id tag in bytes. */
  public static final int TAG_BYTES = 32;

  /** Upper bound on {@link #memoryKiB()}: 4 GiB. */
  public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

  /** Upper bound on {@link #iterations()}. */
  public static final int MAX_ITERATIONS = 64;

  /** Upper bound on {@link #parallelism()}. */
  public static final int MAX_PARALLELISM = 255;

  /**
   * RFC 9106 §4 second recommended option, the production setting: m = 64 MiB, t = 3, p = 4 (the
   * RFC's salt is 128 bits; kdcmail uses a 256-bit salt, which the RFC allows).
   */
  public static final Argon2Parameters RFC9106_SECOND_RECOMMENDED =
      new Argon2Parameters(64 * 1024, 3, 4);

  /** Validates the ranges above. */
  public Argon2Parameters {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "Argon2id parallelism must be in [1, " + MAX_PARALLELISM + "], got " + parallelism);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "Argon2id iterations must be in [1, " + MAX_ITERATIONS + "], got " + iterations);
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException(
          "Argon2id memory must be in [8 × parallelism, "
              + MAX_MEMORY_KIB
              + "] KiB, got "
              + memoryKiB);
    }
  }
}
