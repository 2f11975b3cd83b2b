package org.kdcmail.gateway;

import java.io.IOException;

/** No gateway is running where a command looked for one; the message says how to start one. */
public final class GatewayNotRunningException extends IOException {
  private static final long serialVersionUID = 1L;

  public GatewayNotRunningException(String message) {
    super(message);
  }
}
