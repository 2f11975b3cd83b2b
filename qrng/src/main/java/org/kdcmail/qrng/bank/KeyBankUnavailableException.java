package org.kdcmail.qrng.bank;

import org.kdcmail.qrng.EntropyUnavailableException;

/**
 * The bank has no key to hand out: it is empty and either its generator has failed (the cause is
 * the generator's {@link EntropyUnavailableException}) or the refill did not deliver within the
 * take timeout. The message says which, and what the operator can do. The bank never falls back to
 * another source.
 */
public final class KeyBankUnavailableException extends EntropyUnavailableException {
  private static final long serialVersionUID = 1L;

  public KeyBankUnavailableException(String message) {
    super(message);
  }

  public KeyBankUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
