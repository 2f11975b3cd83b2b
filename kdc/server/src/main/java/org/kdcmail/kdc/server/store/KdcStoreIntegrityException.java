package org.kdcmail.kdc.server.store;

/**
 * A sealed value in the database failed authentication: the row was modified or copied from another
 * row, or the database was opened with a KEK other than the one that sealed it.
 */
public final class KdcStoreIntegrityException extends KdcStoreException {
  private static final long serialVersionUID = 1L;

  KdcStoreIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
