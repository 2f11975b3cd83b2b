package org.kdcmail.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.kdcmail.gateway.prompt.PromptServices;
import org.kdcmail.gateway.server.GatewayTls;

/** How {@link Gateway} starts one client-facing front (the SMTP, POP3 or HTTP server). */
@FunctionalInterface
interface FrontStarter {

  /**
   * Starts listening; the returned front owns its threads until closed. {@code prompts} holds the
   * shared key cache ({@link PromptServices#keys()}).
   */
  Running start(
      GatewaySettings settings,
      PromptServices prompts,
      GatewayTls tls,
      PrometheusMeterRegistry registry)
      throws IOException;

  /**
   * A started front.
   *
   * @param address where it listens (the real port when 0 was asked)
   * @param stopper stops listening and releases its threads
   */
  record Running(InetSocketAddress address, AutoCloseable stopper) {
    public Running {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(stopper, "stopper");
    }
  }
}
