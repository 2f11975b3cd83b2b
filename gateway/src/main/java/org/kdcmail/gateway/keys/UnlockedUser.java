package org.kdcmail.gateway.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One user whose master key the gateway holds, as {@code kdcmail status} shows it.
 *
 * @param user the enrolled identity (a full address)
 * @param unlockedAt when the key was handed to the gateway
 * @param lastUsedAt when a message last used it
 * @param expiresAt when it will be dropped unless used again; empty under the per-message policy
 */
public record UnlockedUser(
    String user, Instant unlockedAt, Instant lastUsedAt, Optional<Instant> expiresAt) {
  public UnlockedUser {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(unlockedAt, "unlockedAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
