package org.kdcmail.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.MasterKey;

class UnlockedKeysTest {
  private static final String ALICE = "alice@example.test";
  private static final Duration IDLE = Duration.ofMinutes(15);

  private final TestClock clock = new TestClock(Instant.parse("2030-01-01T10:00:00Z"));
  private UnlockedKeys keys;

  @AfterEach
  void close() {
    if (keys != null) {
      keys.close();
    }
  }

  private UnlockedKeys idle() {
    // A long sweep interval: expiry is observed through the injected clock, not the sweeper.
    keys = UnlockedKeys.create(KeyCachePolicy.idle(IDLE), clock, Duration.ofHours(1));
    return keys;
  }

  private static MasterKey randomKey() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return MasterKey.copyOf(b);
  }

  @Test
  void lease_idlePolicy_givesACopyAndKeepsTheKey() throws Exception {
    MasterKey key = randomKey();
    idle().unlock(ALICE, key);
    try (KeyLease first = keys.lease(ALICE);
        KeyLease second = keys.lease(ALICE)) {
      assertThat(first.key().masterKey()).isEqualTo(key).isNotSameAs(key);
      assertThat(second.key().masterKey()).isEqualTo(key);
      assertThat(first.key().identity()).isEqualTo(ALICE);
    }
    assertThat(key.isDestroyed()).isFalse();
    assertThat(keys.isUnlocked(ALICE)).isTrue();
  }

  @Test
  void closingALease_zeroizesTheCopyOnly() throws Exception {
    MasterKey key = randomKey();
    idle().unlock(ALICE, key);
    KeyLease lease = keys.lease(ALICE);
    MasterKey copy = lease.key().masterKey();
    lease.close();
    assertThat(copy.isDestroyed()).isTrue();
    assertThat(key.isDestroyed()).isFalse();
    assertThatThrownBy(lease::key).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void idleExpiry_afterTheTimeoutWithoutUse_locksAndZeroizes() throws Exception {
    MasterKey key = randomKey();
    idle().unlock(ALICE, key);
    clock.advance(IDLE.minusSeconds(1));
    assertThat(keys.isUnlocked(ALICE)).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.isUnlocked(ALICE)).isFalse();
    assertThat(keys.unlocked()).isEmpty();
    assertThatThrownBy(() -> keys.lease(ALICE))
        .isInstanceOf(MasterKeyLockedException.class)
        .hasMessage("master key locked: run kdcmail unlock --user " + ALICE);
    assertThat(key.isDestroyed()).isTrue();
  }

  @Test
  void idleExpiry_useRestartsTheTimeout() throws Exception {
    idle().unlock(ALICE, randomKey());
    clock.advance(IDLE.minusMinutes(1));
    keys.lease(ALICE).close();
    clock.advance(IDLE.minusMinutes(1));
    assertThat(keys.isUnlocked(ALICE)).isTrue();
    assertThat(keys.unlocked())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.unlockedAt()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
              assertThat(u.lastUsedAt()).isEqualTo(Instant.parse("2030-01-01T10:14:00Z"));
              assertThat(u.expiresAt()).contains(Instant.parse("2030-01-01T10:29:00Z"));
            });
  }

  @Test
  void sweeper_dropsAnExpiredKeyWithoutAnyLease() {
    MasterKey key = randomKey();
    keys = UnlockedKeys.create(KeyCachePolicy.idle(IDLE), clock, Duration.ofMillis(10));
    keys.unlock(ALICE, key);
    clock.advance(IDLE);
    org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(key::isDestroyed);
  }

  @Test
  void perMessagePolicy_handsTheKeyOutOnce() throws Exception {
    MasterKey key = randomKey();
    keys = UnlockedKeys.create(KeyCachePolicy.oneMessage(), clock, Duration.ofHours(1));
    keys.unlock(ALICE, key);
    assertThat(keys.unlocked()).singleElement().satisfies(u -> assertThat(u.expiresAt()).isEmpty());
    clock.advance(Duration.ofDays(1)); // no idle expiry under this policy
    try (KeyLease lease = keys.lease(ALICE)) {
      assertThat(lease.key().masterKey()).isSameAs(key);
    }
    assertThat(key.isDestroyed()).isTrue();
    assertThat(keys.isUnlocked(ALICE)).isFalse();
    assertThatThrownBy(() -> keys.lease(ALICE)).isInstanceOf(MasterKeyLockedException.class);
  }

  @Test
  void lock_zeroizesAndReportsWhetherThereWasAKey() {
    MasterKey key = randomKey();
    idle().unlock(ALICE, key);
    assertThat(keys.lock(ALICE)).isTrue();
    assertThat(key.isDestroyed()).isTrue();
    assertThat(keys.isUnlocked(ALICE)).isFalse();
    assertThat(keys.lock(ALICE)).isFalse();
  }

  @Test
  void unlockAgain_replacesAndZeroizesTheOldKey() throws Exception {
    MasterKey old = randomKey();
    MasterKey fresh = randomKey();
    idle().unlock(ALICE, old);
    keys.unlock(ALICE, fresh);
    assertThat(old.isDestroyed()).isTrue();
    try (KeyLease lease = keys.lease(ALICE)) {
      assertThat(lease.key().masterKey()).isEqualTo(fresh);
    }
  }

  @Test
  void lockAll_andClose_zeroizeEveryKey() {
    MasterKey a = randomKey();
    MasterKey b = randomKey();
    MasterKey c = randomKey();
    idle().unlock(ALICE, a);
    keys.unlock("bob@example.test", b);
    assertThat(keys.lockAll()).isEqualTo(2);
    assertThat(a.isDestroyed()).isTrue();
    assertThat(b.isDestroyed()).isTrue();
    keys.unlock(ALICE, c);
    keys.close();
    assertThat(c.isDestroyed()).isTrue();
  }

  @Test
  void unlocked_listsUsersSorted() {
    idle().unlock("carol@example.test", randomKey());
    keys.unlock(ALICE, randomKey());
    assertThat(keys.unlocked())
        .extracting(UnlockedUser::user)
        .containsExactly(ALICE, "carol@example.test");
  }

  @Test
  void awaitUnlocked_wakesWhenTheKeyArrives() throws Exception {
    idle();
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return keys.awaitUnlocked(ALICE, Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(100);
    assertThat(waiting).isNotDone();
    long start = System.nanoTime();
    keys.unlock(ALICE, randomKey());
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void awaitUnlocked_timesOutFalse() throws Exception {
    assertThat(idle().awaitUnlocked(ALICE, Duration.ofMillis(50))).isFalse();
  }

  /** A clock tests move by hand. */
  private static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
