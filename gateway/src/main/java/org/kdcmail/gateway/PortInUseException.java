package org.kdcmail.gateway;

import java.io.IOException;
import java.net.InetAddress;

/**
 * A listener's port is taken by another program; the message names the port and the setting that
 * changes it.
 */
public final class PortInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient GatewayListener listener;
  private final int port;

  PortInUseException(GatewayListener listener, InetAddress bind, int port, Throwable cause) {
    super(
        "the gateway's "
            + listener.label()
            + " port "
            + port
            + " on "
            + bind.getHostAddress()
            + " is already in use: stop the program using it, or choose another port ("
            + listener.configKey()
            + " in the configuration file, "
            + listener.sandboxOption()
            + " for kdcmail sandbox)",
        cause);
    this.listener = listener;
    this.port = port;
  }

  /** Which listener could not bind. */
  public GatewayListener listener() {
    return listener;
  }

  /** The port that is taken. */
  public int port() {
    return port;
  }
}
