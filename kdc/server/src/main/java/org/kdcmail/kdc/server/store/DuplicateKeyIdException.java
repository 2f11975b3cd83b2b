package org.kdcmail.kdc.server.store;

/** A session key id was recorded a second time: no key id is ever issued twice. */
public final class DuplicateKeyIdException extends KdcStoreException {
  private static final long serialVersionUID = 1L;

  DuplicateKeyIdException(String keyId, Throwable cause) {
    super("session key id " + keyId + " was already issued; a key id is never issued twice", cause);
  }
}
