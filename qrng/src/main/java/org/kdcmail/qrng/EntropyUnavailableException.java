package org.kdcmail.qrng;

/**
 * No randomness can be produced right now. The message says what failed and what the operator can
 * do; subclasses say why. Never caught to fall back on another source.
 */
public class EntropyUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EntropyUnavailableException(String message) {
    super(message);
  }

  public EntropyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
