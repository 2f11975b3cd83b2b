package org.kdcmail.kdc.server.store;

import java.time.Instant;
import java.util.Objects;
import org.kdcmail.kdc.protocol.enrollment.InvitationId;

/**
 * A one-time enrollment invitation as read from the store. {@link #state()} is the effective state:
 * a PENDING row whose expiry has passed is reported as EXPIRED. The enrollment code is not part of
 * this record; {@link KdcStore#invitationCode} unseals it on demand.
 */
public record Invitation(
    InvitationId id,
    String username,
    Instant createdAt,
    Instant expiresAt,
    int failedAttempts,
    InvitationState state) {
  public Invitation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
  }
}
