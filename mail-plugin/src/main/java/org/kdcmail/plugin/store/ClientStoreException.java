package org.kdcmail.plugin.store;

/**
 * The store file cannot be written or read for a reason other than the password: missing,
 * unreadable, readable by group or others, or of an unknown version. The message says the fix.
 */
public final class ClientStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ClientStoreException(String message) {
    super(message);
  }

  ClientStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
