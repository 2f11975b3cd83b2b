package org.kdcmail.qrng;

/** An entropy source could not deliver samples: the device is missing, short-read or timed out. */
public final class EntropySourceException extends EntropyUnavailableException {
  private static final long serialVersionUID = 1L;

  public EntropySourceException(String message) {
    super(message);
  }

  public EntropySourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
