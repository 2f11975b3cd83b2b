package org.kdcmail.kdc.server.store;

import java.time.Instant;

/** The one place that decides invitation transitions (see {@link InvitationState}). */
final class InvitationStateMachine {
  /** Failed code attempts after which an invitation locks. */
  static final int MAX_FAILED_ATTEMPTS = 5;

  enum Event {
    /** The client proved the code; enrollment completed. */
    CODE_ACCEPTED,
    /** The client's proof did not match. */
    CODE_REJECTED,
    /** The code is read to check a proof: no change while PENDING (expiry is still persisted). */
    INSPECT,
    /** A newer invitation for the same user was created: a PENDING one closes as EXPIRED. */
    SUPERSEDED
  }

  /**
   * The outcome of one event.
   *
   * @param refusal null when the event was applied, else why it was refused (the state may still
   *     have changed, e.g. to EXPIRED)
   */
  record Step(InvitationState state, int failedAttempts, String refusal) {}

  private InvitationStateMachine() {}

  /** The stored state, corrected for time: PENDING at or after expiry reads as EXPIRED. */
  static InvitationState effective(InvitationState stored, Instant expiresAt, Instant now) {
    return stored == InvitationState.PENDING && !now.isBefore(expiresAt)
        ? InvitationState.EXPIRED
        : stored;
  }

  static Step apply(
      InvitationState stored, int failedAttempts, Instant expiresAt, Event event, Instant now) {
    InvitationState state = effective(stored, expiresAt, now);
    switch (state) {
      case USED:
        return new Step(state, failedAttempts, "was already used");
      case LOCKED:
        return new Step(state, failedAttempts, "is locked after too many wrong codes");
      case EXPIRED:
        return new Step(state, failedAttempts, "has expired; ask the administrator for a new one");
      case PENDING:
      default:
        break;
    }
    switch (event) {
      case CODE_ACCEPTED:
        return new Step(InvitationState.USED, failedAttempts, null);
      case INSPECT:
        return new Step(InvitationState.PENDING, failedAttempts, null);
      case SUPERSEDED:
        return new Step(InvitationState.EXPIRED, failedAttempts, null);
      case CODE_REJECTED:
      default:
        break;
    }
    int attempts = failedAttempts + 1;
    InvitationState next =
        attempts >= MAX_FAILED_ATTEMPTS ? InvitationState.LOCKED : InvitationState.PENDING;
    return new Step(next, attempts, null);
  }
}
