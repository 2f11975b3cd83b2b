package org.kdcmail.gateway;

import java.util.function.ToIntFunction;

/**
 * The gateway's three client-facing listeners, in the order they start, each with the configuration
 * key and the {@code kdcmail sandbox} option that set its port.
 */
public enum GatewayListener {
  /** Health, metrics, autoconfig and the loopback unlock channel. */
  HTTP("HTTP", "listen.http-port", "--http-port", GatewaySettings::httpPort),
  /** Mail submission. */
  SMTP("SMTP", "listen.smtp-port", "--smtp-port", GatewaySettings::smtpPort),
  /** Mailbox access. */
  POP3("POP3", "listen.pop3-port", "--pop3-port", GatewaySettings::pop3Port);

  private final String label;
  private final String configKey;
  private final String sandboxOption;
  private final ToIntFunction<GatewaySettings> port;

  GatewayListener(
      String label, String configKey, String sandboxOption, ToIntFunction<GatewaySettings> port) {
    this.label = label;
    this.configKey = configKey;
    this.sandboxOption = sandboxOption;
    this.port = port;
  }

  /** The protocol's name as users know it. */
  public String label() {
    return label;
  }

  /** The key of the configuration file that sets this port. */
  public String configKey() {
    return configKey;
  }

  /** The {@code kdcmail sandbox} option that sets this port. */
  public String sandboxOption() {
    return sandboxOption;
  }

  /** The port {@code settings} ask for (0: any free port). */
  public int port(GatewaySettings settings) {
    return port.applyAsInt(settings);
  }
}
