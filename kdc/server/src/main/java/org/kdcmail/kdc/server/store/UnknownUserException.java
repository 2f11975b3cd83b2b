package org.kdcmail.kdc.server.store;

/** No user with this name is enrolled. */
public final class UnknownUserException extends KdcStoreException {
  private static final long serialVersionUID = 1L;

  UnknownUserException(String username) {
    super("no enrolled user '" + username + "': invite the user and let them enroll first");
  }
}
