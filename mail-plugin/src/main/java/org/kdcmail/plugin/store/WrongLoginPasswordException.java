package org.kdcmail.plugin.store;

import java.security.GeneralSecurityException;

/**
 * The store did not open: the login password is wrong or the file was damaged or altered (the two
 * cannot be told apart, on purpose). No data is returned.
 */
public final class WrongLoginPasswordException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  WrongLoginPasswordException() {
    super("login password is wrong or the store is damaged");
  }
}
