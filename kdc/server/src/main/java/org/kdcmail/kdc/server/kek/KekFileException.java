package org.kdcmail.kdc.server.kek;

/**
 * {@code kek.wrapped} cannot be created or read for a reason other than the passphrase: missing,
 * already present, unreadable, too open, or not a KEK file. The message says how to fix it.
 */
public final class KekFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  KekFileException(String message) {
    super(message);
  }

  KekFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
