package org.kdcmail.kdc.server.kek;

/**
 * The PKCS#11 token that wraps the KEK cannot be used: the library is missing, no token is in the
 * configured slot, the PIN is wrong, or the wrapping key is not on the token. The message says
 * which and how to fix it; it never contains the PIN.
 */
public final class Pkcs11TokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Pkcs11TokenException(String message, Throwable cause) {
    super(message, cause);
  }

  Pkcs11TokenException(String message) {
    super(message);
  }
}
