package org.kdcmail.gateway.prompt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The login password of each user's last successful SMTP AUTH or POP3 PASS, in memory only, so that
 * an MK entry alone can unlock the user's client store. An entry lives for {@code ttl} after it was
 * last remembered (the key cache's idle timeout) and is wiped when it expires, is forgotten, or the
 * gateway stops. Thread-safe; never logs or prints a password.
 */
public final class LoginPasswords implements AutoCloseable {

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>();

  public LoginPasswords(Duration ttl, Clock clock) {
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Remembers a copy of {@code password} for {@code user} (the caller keeps its own array). */
  public void remember(String user, char[] password) {
    Objects.requireNonNull(password, "password");
    Entry fresh = new Entry(password.clone(), clock.instant().plus(ttl));
    Entry old;
    synchronized (this) {
      old = entries.put(key(user), fresh);
    }
    if (old != null) {
      old.wipe();
    }
  }

  /** Remembers {@code password}, given as the mail protocol's string. */
  public void remember(String user, String password) {
    char[] chars = password.toCharArray();
    try {
      remember(user, chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** Whether a password for {@code user} is remembered and not expired. */
  public boolean knows(String user) {
    return copy(user).map(LoginPasswords::wipeAndTrue).orElse(false);
  }

  /** A copy of the remembered password, which the caller wipes; empty if none or expired. */
  public Optional<char[]> copy(String user) {
    Entry expired = null;
    try {
      synchronized (this) {
        Entry e = entries.get(key(user));
        if (e == null) {
          return Optional.empty();
        }
        if (!clock.instant().isBefore(e.expiresAt)) {
          expired = entries.remove(key(user));
          return Optional.empty();
        }
        return Optional.of(e.password.clone());
      }
    } finally {
      if (expired != null) {
        expired.wipe();
      }
    }
  }

  /** Wipes {@code user}'s password, if remembered. */
  public void forget(String user) {
    Entry old;
    synchronized (this) {
      old = entries.remove(key(user));
    }
    if (old != null) {
      old.wipe();
    }
  }

  /** Wipes every remembered password. */
  public void forgetAll() {
    Map<String, Entry> all;
    synchronized (this) {
      all = new HashMap<>(entries);
      entries.clear();
    }
    all.values().forEach(Entry::wipe);
  }

  /** Wipes every password whose time is up (also done lazily on read). */
  public void dropExpired() {
    Instant now = clock.instant();
    Map<String, Entry> gone = new HashMap<>();
    synchronized (this) {
      entries
          .entrySet()
          .removeIf(
              me -> {
                if (!now.isBefore(me.getValue().expiresAt)) {
                  gone.put(me.getKey(), me.getValue());
                  return true;
                }
                return false;
              });
    }
    gone.values().forEach(Entry::wipe);
  }

  @Override
  public void close() {
    forgetAll();
  }

  @Override
  public String toString() {
    return "LoginPasswords[passwords hidden]";
  }

  private static String key(String user) {
    return Objects.requireNonNull(user, "user").toLowerCase(Locale.ROOT);
  }

  private static boolean wipeAndTrue(char[] c) {
    Arrays.fill(c, '\0');
    return true;
  }

  private static final class Entry {
    final char[] password;
    final Instant expiresAt;

    Entry(char[] password, Instant expiresAt) {
      this.password = password;
      this.expiresAt = expiresAt;
    }

    void wipe() {
      Arrays.fill(password, '\0');
    }
  }
}
