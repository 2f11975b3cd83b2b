package org.kdcmail.kdc.protocol.masterkey;

/**
 * Cost parameters of an {@link Argon2id} run (RFC 9106, version 0x13): the MK-password derivation,
 * the KDC's KEK file and the client's local store. The output is always {@value #TAG_BYTES} bytes.
 * Validated on construction; bounded so that a configuration typo cannot ask for more than {@value
 * #MAX_MEMORY_KIB} KiB. Parameters read from a file header are additionally checked against a
 * tighter limit ({@link #requireWithin}, by default {@link #FILE_HEADER_LIMIT}) so that a damaged
 * or hostile file cannot make the reader exhaust memory or time.
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

  /**
   * The most expensive parameters accepted from a file header by default (KEK file, client store):
   * 1 GiB, 64 iterations, 16 lanes.
   */
  public static final Argon2Parameters FILE_HEADER_LIMIT = new Argon2Parameters(1 << 20, 64, 16);

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

  /** True when no parameter exceeds the corresponding one of {@code limit}. */
  public boolean within(Argon2Parameters limit) {
    return memoryKiB <= limit.memoryKiB
        && iterations <= limit.iterations
        && parallelism <= limit.parallelism;
  }

  /**
   * Checks parameters read from an untrusted header against {@code limit}.
   *
   * @return this
   * @throws IllegalArgumentException when any parameter exceeds {@code limit}'s
   */
  public Argon2Parameters requireWithin(Argon2Parameters limit) {
    if (!within(limit)) {
      throw new IllegalArgumentException(
          "Argon2id parameters "
              + this
              + " exceed the limit "
              + limit
              + " (m KiB, t, p) for parameters read from a file");
    }
    return this;
  }
}
