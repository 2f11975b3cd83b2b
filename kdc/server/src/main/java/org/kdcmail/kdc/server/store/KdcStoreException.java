package org.kdcmail.kdc.server.store;

/** The KDC store cannot do what was asked; the message says which operation and how to fix it. */
public class KdcStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  KdcStoreException(String message) {
    super(message);
  }

  KdcStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
