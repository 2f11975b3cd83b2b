package org.kdcmail.gateway.control;

import java.io.IOException;

/**
 * The gateway answered an unlock-channel request with a refusal (4xx); the message is the
 * gateway's, which says what to fix (a wrong token, a bad request, not from loopback).
 */
public final class ControlRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ControlRefusedException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status (400, 401, 403, 413). */
  public int status() {
    return status;
  }
}
