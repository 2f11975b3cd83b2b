package org.kdcmail.kdc.server.kek;

/**
 * Argon2id cost parameters (version 1.3, 32-byte output, 16-byte salt).
 *
 * @param memoryKiB memory in KiB (at least 8 × parallelism)
 * @param iterations passes over memory (t), at least 1
 * @param parallelism lanes (p), 1..16
 */
public record Argon2Settings(int memoryKiB, int iterations, int parallelism) {

  /** RFC 9106 §4 "second recommended option": m = 64 MiB, t = 3, p = 4. The production default. */
  public static final Argon2Settings RFC9106_SECOND = new Argon2Settings(64 * 1024, 3, 4);

  /** Largest memory cost accepted from a file: 1 GiB, so a damaged file cannot exhaust memory. */
  public static final int MAX_MEMORY_KIB = 1 << 20;

  /** Largest iteration count accepted from a file. */
  public static final int MAX_ITERATIONS = 64;

  /** Largest parallelism accepted. */
  public static final int MAX_PARALLELISM = 16;

  public Argon2Settings {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "Argon2id parallelism must be in 1..16, got " + parallelism);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Argon2id iterations must be in 1..64, got " + iterations);
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException(
          "Argon2id memory must be in [8 × parallelism, 1 GiB] KiB, got " + memoryKiB);
    }
  }
}
