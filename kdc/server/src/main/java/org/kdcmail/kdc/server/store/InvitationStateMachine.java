package org.kdcmail.kdc.server.store;

import java.time.Instant;

/** The one place that decides invitation transitions (see {@link InvitationState}). */
final class InvitationStateMachine {
  /** Failed code attempts after which an invitation locks. */
  static final int MAX_FAILED_ATTEMPTS = 5;

  enum Event {
    CODE_ACCEPTED,
    CODE_REJECTED
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
    if (event == Event.CODE_ACCEPTED) {
      return new Step(InvitationState.USED, failedAttempts, null);
    }
    int attempts = failedAttempts + 1;
    InvitationState next =
        attempts >= MAX_FAILED_ATTEMPTS ? InvitationState.LOCKED : InvitationState.PENDING;
    return new Step(next, attempts, null);
  }
}
