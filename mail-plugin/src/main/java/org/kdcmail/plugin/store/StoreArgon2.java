package org.kdcmail.plugin.store;

/**
 * Argon2id cost of the store key (version 1.3, 32-byte output, 16-byte salt).
 *
 * @param memoryKiB memory in KiB, 8 × parallelism .. {@link #MAX_MEMORY_KIB}
 * @param iterations 1..{@link #MAX_ITERATIONS}
 * @param parallelism 1..{@link #MAX_PARALLELISM}
 */
public record StoreArgon2(int memoryKiB, int iterations, int parallelism) {
  /** RFC 9106 §4 second recommended option: m = 64 MiB, t = 3, p = 4. The default. */
  public static final StoreArgon2 RFC9106_SECOND = new StoreArgon2(64 * 1024, 3, 4);

  /** Largest memory accepted from a file (1 GiB), so a damaged file cannot exhaust memory. */
  public static final int MAX_MEMORY_KIB = 1 << 20;

  public static final int MAX_ITERATIONS = 64;
  public static final int MAX_PARALLELISM = 16;

  public StoreArgon2 {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("Argon2id parallelism must be in 1..16");
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Argon2id iterations must be in 1..64");
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("Argon2id memory must be in [8 × parallelism, 1 GiB] KiB");
    }
  }

  /** True when no parameter exceeds {@code limit}'s (used to bound the cost of opening a file). */
  public boolean within(StoreArgon2 limit) {
    return memoryKiB <= limit.memoryKiB
        && iterations <= limit.iterations
        && parallelism <= limit.parallelism;
  }
}
