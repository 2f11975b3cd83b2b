package org.kdcmail.gateway.upstream;

import java.util.Objects;

/**
 * One office mail server the gateway talks to as a client (SMTP for relaying, POP3 for mailboxes).
 *
 * @param host name or address
 * @param port TCP port
 * @param security how the connection is protected
 */
public record UpstreamServer(String host, int port, Security security) {

  /** How the gateway protects its connection to an upstream server. */
  public enum Security {
    /** No TLS: only for an office server on loopback or a trusted segment (the sandbox). */
    PLAIN,
    /** STARTTLS (SMTP) or STLS (POP3), required: the gateway refuses to go on without it. */
    STARTTLS,
    /** TLS from the first byte (SMTPS on 465, POP3S on 995). */
    TLS
  }

  public UpstreamServer {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    if (host.isBlank()) {
      throw new IllegalArgumentException("upstream host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("upstream port " + port + " is not in 1..65535");
    }
  }

  @Override
  public String toString() {
    return host + ":" + port + " (" + security.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
