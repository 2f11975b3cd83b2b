package org.kdcmail.kdc.server.kek;

import java.security.GeneralSecurityException;

/**
 * The admin passphrase did not unlock {@code kek.wrapped}: either it is wrong or the file was
 * modified (AES-GCM cannot tell the two apart, on purpose).
 */
public final class WrongPassphraseException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  WrongPassphraseException() {
    super("admin passphrase is wrong (or kek.wrapped was modified)");
  }
}
