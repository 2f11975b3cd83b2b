package org.kdcmail.plugin.unlock;

import java.security.GeneralSecurityException;

/**
 * The MK-ID or the MK password is wrong (the two are not told apart, on purpose). The message is
 * always {@value #MESSAGE}.
 */
public final class WrongMasterKeyException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** The one message of this exception. */
  public static final String MESSAGE = "master key ID or password is wrong";

  WrongMasterKeyException() {
    super(MESSAGE);
  }
}
