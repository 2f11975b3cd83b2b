package org.kdcmail.kdc.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An enrolled user as listed by the store (never the key).
 *
 * @param keyVersion 1 for the first enrollment, incremented by each rotation
 */
public record User(
    String username, UserStatus status, Instant createdAt, Instant updatedAt, int keyVersion) {
  public User {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
