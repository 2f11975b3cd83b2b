package org.kdcmail.kdc.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A one-time enrollment invitation as read from the store. {@link #state()} is the effective state:
 * a PENDING row whose expiry has passed is reported as EXPIRED.
 */
public record Invitation(
    InvitationId id,
    String username,
    CodeVerifier verifier,
    Instant createdAt,
    Instant expiresAt,
    int failedAttempts,
    InvitationState state) {
  public Invitation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
  }

  /** Constant-time check of a candidate verifier computed from the code the client proved. */
  public boolean verifierMatches(CodeVerifier candidate) {
    return verifier.matches(candidate);
  }
}
