package org.kdcmail.gateway.smtp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins the office server confirmed recently, so a client that opens a session per message does
 * not cost an upstream AUTH each time. Holds only a salted SHA-256 of each password (random salt
 * per entry), never the password; entries expire after a short time. Thread-safe.
 */
final class CredentialCache {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  CredentialCache(Duration ttl, Clock clock) {
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether {@code credentials} match a confirmation that has not expired yet. */
  boolean matches(Credentials credentials) {
    Entry e = entries.get(credentials.user());
    if (e == null) {
      return false;
    }
    if (!clock.instant().isBefore(e.expiresAt)) {
      entries.remove(credentials.user(), e);
      return false;
    }
    return MessageDigest.isEqual(e.hash, hash(e.salt, credentials.password()));
  }

  /** Records that the office server accepted {@code credentials} just now. */
  void remember(Credentials credentials) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    entries.put(
        credentials.user(),
        new Entry(salt, hash(salt, credentials.password()), clock.instant().plus(ttl)));
  }

  /** Drops the entry of {@code user} (e.g. after the office server refused its password). */
  void forget(String user) {
    entries.remove(user);
  }

  private static byte[] hash(byte[] salt, String password) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(salt);
      return d.digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private record Entry(byte[] salt, byte[] hash, Instant expiresAt) {}
}
