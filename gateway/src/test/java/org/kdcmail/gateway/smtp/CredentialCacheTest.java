package org.kdcmail.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), clock);

  @Test
  void remembered_matchesOnlyTheSamePassword_untilItExpires() {
    cache.remember(new Credentials("Alice@example.test", "secret"));
    assertThat(cache.matches(new Credentials("alice@example.test", "secret"))).isTrue();
    assertThat(cache.matches(new Credentials("alice@example.test", "Secret"))).isFalse();
    assertThat(cache.matches(new Credentials("bob@example.test", "secret"))).isFalse();
    now.set(now.get().plus(Duration.ofMinutes(5)));
    assertThat(cache.matches(new Credentials("alice@example.test", "secret"))).isFalse();
  }

  @Test
  void forgotten_noLongerMatches_andNoPasswordInToString() {
    Credentials c = new Credentials("alice@example.test", "secret");
    cache.remember(c);
    cache.forget("alice@example.test");
    assertThat(cache.matches(c)).isFalse();
    assertThat(c.toString()).doesNotContain("secret");
  }
}
