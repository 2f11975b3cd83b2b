package org.kdcmail.gateway.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master keys users have unlocked in this gateway, held in memory only. Each message takes a
 * {@link KeyLease} (its own copy); the cached key is zeroized when it is locked, replaced, idle for
 * longer than the policy allows, or — under the per-message policy — leased once. Thread-safe.
 */
public final class UnlockedKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UnlockedKeys.class);

  private final KeyCachePolicy policy;
  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>();
  private final ScheduledExecutorService sweeper;

  private UnlockedKeys(KeyCachePolicy policy, Clock clock, Duration sweepInterval) {
    this.policy = policy;
    this.clock = clock;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kdcmail-key-expiry");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, sweepInterval.toMillis());
    sweeper.scheduleWithFixedDelay(this::dropExpired, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** A cache with this policy, the system clock and a sweep every second. */
  public static UnlockedKeys create(KeyCachePolicy policy) {
    return create(policy, Clock.systemUTC(), Duration.ofSeconds(1));
  }

  /** A cache with an injected clock and sweep interval (tests). */
  public static UnlockedKeys create(KeyCachePolicy policy, Clock clock, Duration sweepInterval) {
    return new UnlockedKeys(
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(sweepInterval, "sweepInterval"));
  }

  /** The policy in force. */
  public KeyCachePolicy policy() {
    return policy;
  }

  /**
   * Takes {@code key} (the cache owns it from now on and zeroizes it when dropped) as {@code
   * user}'s unlocked master key, replacing and zeroizing any earlier one.
   */
  public void unlock(String user, MasterKey key) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(key, "key");
    Instant now = clock.instant();
    Entry old;
    synchronized (this) {
      old = entries.put(user, new Entry(key, now, now));
      notifyAll();
    }
    if (old != null) {
      old.key.destroy();
    }
    LOG.info("master key of {} unlocked ({})", user, describe(policy));
  }

  /** Drops and zeroizes {@code user}'s key; false if it was not unlocked. */
  public boolean lock(String user) {
    Entry old;
    synchronized (this) {
      old = entries.remove(user);
    }
    if (old == null) {
      return false;
    }
    old.key.destroy();
    LOG.info("master key of {} locked", user);
    return true;
  }

  /** Drops and zeroizes every key; returns how many there were. */
  public int lockAll() {
    List<String> users;
    synchronized (this) {
      users = new ArrayList<>(entries.keySet());
    }
    int n = 0;
    for (String user : users) {
      if (lock(user)) {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code user}'s key is unlocked right now. */
  public synchronized boolean isUnlocked(String user) {
    Entry e = entries.get(user);
    return e != null && !expired(e, clock.instant());
  }

  /**
   * A private copy of {@code user}'s key for one message.
   *
   * @throws MasterKeyLockedException if the key is not unlocked (or just expired)
   */
  public KeyLease lease(String user) throws MasterKeyLockedException {
    Objects.requireNonNull(user, "user");
    Instant now = clock.instant();
    MasterKey copy;
    Entry expired = null;
    synchronized (this) {
      Entry e = entries.get(user);
      if (e == null) {
        throw new MasterKeyLockedException(user);
      }
      if (expired(e, now)) {
        entries.remove(user);
        expired = e;
        copy = null;
      } else if (policy.perMessage()) {
        entries.remove(user);
        copy = e.key; // handed over whole: the lease zeroizes it
      } else {
        e.lastUsedAt = now;
        byte[] bytes = e.key.copyBytes();
        try {
          copy = MasterKey.copyOf(bytes);
        } finally {
          java.util.Arrays.fill(bytes, (byte) 0);
        }
      }
    }
    if (expired != null) {
      expired.key.destroy();
      throw new MasterKeyLockedException(user);
    }
    return new KeyLease(new UserKey(user, copy));
  }

  /**
   * A private copy of {@code user}'s key for a request that is not a message (the recipient check's
   * directory lookup): it does not count as use and does not spend a per-message unlock. Empty when
   * the key is not unlocked.
   */
  public Optional<KeyLease> peek(String user) {
    Objects.requireNonNull(user, "user");
    byte[] bytes;
    synchronized (this) {
      Entry e = entries.get(user);
      if (e == null || expired(e, clock.instant())) {
        return Optional.empty();
      }
      bytes = e.key.copyBytes();
    }
    try {
      return Optional.of(new KeyLease(new UserKey(user, MasterKey.copyOf(bytes))));
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Waits up to {@code timeout} for {@code user}'s key to be unlocked (the prompt-on-demand path);
   * true if it is unlocked when this returns.
   */
  public boolean awaitUnlocked(String user, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (!isUnlocked(user)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  /** Who is unlocked, sorted by user. */
  public List<UnlockedUser> unlocked() {
    Instant now = clock.instant();
    List<UnlockedUser> out = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<String, Entry> me : entries.entrySet()) {
        Entry e = me.getValue();
        if (!expired(e, now)) {
          Optional<Instant> expires =
              policy.perMessage()
                  ? Optional.empty()
                  : Optional.of(e.lastUsedAt.plus(policy.idleTimeout()));
          out.add(new UnlockedUser(me.getKey(), e.unlockedAt, e.lastUsedAt, expires));
        }
      }
    }
    out.sort(Comparator.comparing(UnlockedUser::user));
    return out;
  }

  /** Locks every key and stops the expiry sweeper. */
  @Override
  public void close() {
    sweeper.shutdownNow();
    lockAll();
  }

  private void dropExpired() {
    Instant now = clock.instant();
    List<Map.Entry<String, Entry>> gone = new ArrayList<>();
    synchronized (this) {
      entries
          .entrySet()
          .removeIf(
              me -> {
                if (expired(me.getValue(), now)) {
                  gone.add(me);
                  return true;
                }
                return false;
              });
    }
    for (Map.Entry<String, Entry> me : gone) {
      me.getValue().key.destroy();
      LOG.info("master key of {} locked after {} idle", me.getKey(), policy.idleTimeout());
    }
  }

  private boolean expired(Entry e, Instant now) {
    return !policy.perMessage() && !now.isBefore(e.lastUsedAt.plus(policy.idleTimeout()));
  }

  private static String describe(KeyCachePolicy p) {
    return p.perMessage() ? "kept for one message" : "kept until " + p.idleTimeout() + " idle";
  }

  private static final class Entry {
    final MasterKey key;
    final Instant unlockedAt;
    Instant lastUsedAt;

    Entry(MasterKey key, Instant unlockedAt, Instant lastUsedAt) {
      this.key = key;
      this.unlockedAt = unlockedAt;
      this.lastUsedAt = lastUsedAt;
    }
  }
}
