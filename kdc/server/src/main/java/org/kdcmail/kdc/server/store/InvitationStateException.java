package org.kdcmail.kdc.server.store;

import org.kdcmail.kdc.protocol.enrollment.InvitationId;

/**
 * The requested step is not allowed from the invitation's state (used, locked, expired or unknown);
 * {@link #state()} tells the caller which, so it can answer the client.
 */
public final class InvitationStateException extends KdcStoreException {
  private static final long serialVersionUID = 1L;
  private final InvitationState state;

  InvitationStateException(InvitationId id, InvitationState state, String message) {
    super("invitation " + id + " " + message);
    this.state = state;
  }

  /** The invitation's state when the step was refused (null when there is no such invitation). */
  public InvitationState state() {
    return state;
  }
}
