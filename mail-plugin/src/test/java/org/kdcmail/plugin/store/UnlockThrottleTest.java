package org.kdcmail.plugin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnlockThrottleTest {
  @TempDir Path dir;
  private final FakeClock clock = new FakeClock();
  private final List<Duration> slept = new ArrayList<>();

  private UnlockThrottle throttle() {
    return UnlockThrottle.forStore(
        dir.resolve("alice.kdcstore"),
        clock,
        d -> {
          slept.add(d);
          clock.now = clock.now.plus(d);
        });
  }

  @Test
  void delayAfter_grows_thenCaps() {
    assertThat(
            List.of(0, 1, 2, 3, 4, 5, 6, 7, 100).stream()
                .map(n -> UnlockThrottle.delayAfter(n).toSeconds()))
        .containsExactly(0L, 1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void awaitTurn_afterFailures_sleepsGrowingDelays() throws Exception {
    UnlockThrottle throttle = throttle();
    for (int i = 0; i < 8; i++) {
      throttle.awaitTurn();
      throttle.recordFailure();
    }
    assertThat(slept)
        .extracting(Duration::toSeconds)
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
  }

  @Test
  void recordSuccess_resets() throws Exception {
    UnlockThrottle throttle = throttle();
    throttle.recordFailure();
    throttle.recordFailure();
    throttle.recordSuccess();
    assertThat(throttle.failures()).isZero();
    assertThat(throttle.remainingDelay()).isZero();
  }

  @Test
  void newInstance_seesPersistedFailures() throws Exception {
    for (int i = 0; i < 4; i++) {
      throttle().recordFailure();
    }
    clock.now = clock.now.plusSeconds(3);
    UnlockThrottle fresh = throttle();
    assertThat(fresh.failures()).isEqualTo(4);
    assertThat(fresh.remainingDelay()).isEqualTo(Duration.ofSeconds(5));
    Path file = dir.resolve("alice.kdcstore.throttle");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void damagedFile_countsAsMaximum() throws Exception {
    Files.write(dir.resolve("alice.kdcstore.throttle"), new byte[] {1, 2, 3});
    assertThat(throttle().remainingDelay()).isEqualTo(UnlockThrottle.MAX_DELAY);
  }

  @Test
  void clockBackwards_waitsFullDelay() {
    throttle().recordFailure();
    throttle().recordFailure();
    clock.now = clock.now.minusSeconds(3600);
    assertThat(throttle().remainingDelay()).isEqualTo(Duration.ofSeconds(2));
  }

  private static final class FakeClock extends Clock {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
