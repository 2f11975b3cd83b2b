package org.kdcmail.gateway.http;

import java.util.Objects;
import org.kdcmail.gateway.GatewaySettings;

/**
 * What a mail client needs to use the gateway: where its SMTP and POP3 listeners are and whether
 * the client must use STARTTLS (always, unless the gateway listens on loopback only). The user name
 * is always the full mail address and the password the user's mail password.
 *
 * @param host the gateway's host name or address as clients reach it
 * @param smtpPort the client SMTP port
 * @param pop3Port the client POP3 port
 * @param startTls whether clients must use STARTTLS/STLS (false: plain text on loopback)
 */
public record MailClientSettings(String host, int smtpPort, int pop3Port, boolean startTls) {

  /** Where a gateway with default settings listens. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  public MailClientSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the gateway host must not be blank");
    }
    port(smtpPort, "smtpPort");
    port(pop3Port, "pop3Port");
  }

  /** A gateway with default settings: loopback, SMTP 2525, POP3 2110, plain text. */
  public static MailClientSettings defaults() {
    return new MailClientSettings(
        DEFAULT_HOST, GatewaySettings.DEFAULT_SMTP_PORT, GatewaySettings.DEFAULT_POP3_PORT, false);
  }

  private static void port(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " " + port + " is not in 1..65535");
    }
  }
}
