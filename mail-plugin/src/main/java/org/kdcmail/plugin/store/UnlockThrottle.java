package org.kdcmail.plugin.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.kdcmail.secrets.OwnerOnlyFile;

/**
 * The growing delay after wrong unlock attempts ("master key ID or password is wrong"): after n
 * consecutive failures the next attempt waits {@code min(2^(n-1) s, 30 s)} counted from the last
 * failure, i.e. 0, 1, 2, 4, 8, 16, 30, 30 … seconds. The count and the time of the last failure are
 * kept in a small owner-only file next to the store, so a new process does not start from zero; a
 * success resets them. A damaged file counts as the maximum delay.
 *
 * <p>File ({@value #FILE_BYTES} bytes): {@code "KDCMTHRT" | version 0x01 | failures (4, BE) | last
 * failure epoch ms (8, BE)}.
 */
public final class UnlockThrottle {
  /** The longest delay. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(30);

  static final int FILE_BYTES = 8 + 1 + 4 + 8;
  private static final byte[] MAGIC = "KDCMTHRT".getBytes(StandardCharsets.US_ASCII);
  private static final int SATURATED = 64;

  /** Waits; replaced in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Path file;
  private final Clock clock;
  private final Sleeper sleeper;

  private UnlockThrottle(Path file, Clock clock, Sleeper sleeper) {
    this.file = file;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The throttle kept in {@code storePath + ".throttle"}, with the system clock and real sleep. */
  public static UnlockThrottle forStore(Path storePath) {
    return forStore(storePath, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  /** As {@link #forStore(Path)} with an injected clock and sleeper. */
  public static UnlockThrottle forStore(Path storePath, Clock clock, Sleeper sleeper) {
    Path file = storePath.resolveSibling(storePath.getFileName() + ".throttle");
    return new UnlockThrottle(
        file, Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper, "sleeper"));
  }

  /** The delay that follows {@code failures} consecutive failures. */
  public static Duration delayAfter(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    if (failures > 6) {
      return MAX_DELAY;
    }
    Duration delay = Duration.ofSeconds(1L << (failures - 1));
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  /** Consecutive failures recorded so far. */
  public int failures() {
    return read().failures;
  }

  /** How long the caller must still wait before the next attempt (zero when it may go ahead). */
  public Duration remainingDelay() {
    State state = read();
    Duration delay = delayAfter(state.failures);
    Instant now = clock.instant();
    if (now.isBefore(state.lastFailure)) {
      return delay; // the clock went back: wait the whole delay
    }
    Duration remaining = delay.minus(Duration.between(state.lastFailure, now));
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }

  /** Sleeps for {@link #remainingDelay()}; call before checking an unlock attempt. */
  public void awaitTurn() throws InterruptedException {
    Duration remaining = remainingDelay();
    if (!remaining.isZero()) {
      sleeper.sleep(remaining);
    }
  }

  /** Records a wrong attempt (persisted before returning). */
  public void recordFailure() {
    int failures = Math.min(read().failures + 1, SATURATED);
    write(new State(failures, clock.instant()));
  }

  /** Records a successful unlock: the count goes back to zero. */
  public void recordSuccess() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset the unlock throttle " + file, e);
    }
  }

  private State read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new State(0, Instant.EPOCH);
    } catch (IOException e) {
      return new State(SATURATED, clock.instant());
    }
    if (bytes.length != FILE_BYTES
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)
        || bytes[MAGIC.length] != 1) {
      return new State(SATURATED, clock.instant());
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).position(MAGIC.length + 1);
    int failures = in.getInt();
    long last = in.getLong();
    return failures < 0
        ? new State(SATURATED, clock.instant())
        : new State(failures, Instant.ofEpochMilli(last));
  }

  private void write(State state) {
    byte[] bytes =
        ByteBuffer.allocate(FILE_BYTES)
            .put(MAGIC)
            .put((byte) 1)
            .putInt(state.failures)
            .putLong(state.lastFailure.toEpochMilli())
            .array();
    try {
      OwnerOnlyFile.writeAtomically(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the failed unlock in " + file, e);
    }
  }

  private record State(int failures, Instant lastFailure) {}
}
