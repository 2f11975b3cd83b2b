package org.kdcmail.kdc.server.store;

/**
 * The life of an invitation. {@code PENDING} is the only state that accepts a step; the others are
 * final. Transitions are decided only by {@link InvitationStateMachine}.
 *
 * <pre>
 * PENDING --code accepted--------------------------> USED
 * PENDING --code rejected (attempts &lt; 5)----------> PENDING
 * PENDING --code rejected (5th failed attempt)-----> LOCKED
 * PENDING --any step at or after expires_at--------> EXPIRED
 * PENDING --a newer invitation for the same user---> EXPIRED (superseded)
 * </pre>
 *
 * <p>The sealed enrollment code is deleted when the invitation leaves PENDING.
 */
public enum InvitationState {
  PENDING,
  USED,
  LOCKED,
  EXPIRED;

  /** True for USED, LOCKED and EXPIRED: nothing can happen to the invitation any more. */
  public boolean isFinal() {
    return this != PENDING;
  }
}
