package org.kdcmail.kdc.server;

/**
 * A backup or restore cannot be made: the store is in PostgreSQL, the target holds a live KDC, or a
 * folder cannot be read or written. The message says what to do.
 */
public final class BackupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BackupException(String message) {
    super(message);
  }

  BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
