package org.kdcmail.qrng.bank;

/**
 * The bank's database could not be opened, read or written. The message names the operation and the
 * database directory and says what to check; the cause is the driver's exception. Never carries key
 * bytes.
 */
public class KeyBankStorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyBankStorageException(String message) {
    super(message);
  }

  public KeyBankStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
