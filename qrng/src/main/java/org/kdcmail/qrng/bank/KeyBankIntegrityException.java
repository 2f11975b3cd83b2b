package org.kdcmail.qrng.bank;

/**
 * Stored data failed authentication: either the key-encryption key supplied at open is not the one
 * the bank was created with, or a stored key row (or its batch's provenance) was modified, swapped
 * or corrupted. No key bytes are ever returned from a row that fails authentication.
 */
public final class KeyBankIntegrityException extends KeyBankStorageException {
  private static final long serialVersionUID = 1L;

  public KeyBankIntegrityException(String message) {
    super(message);
  }

  public KeyBankIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
