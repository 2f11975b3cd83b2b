package org.kdcmail.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.control.ControlClient;
import picocli.CommandLine.Option;

/**
 * {@code --gateway HOST:PORT}: which gateway's HTTP endpoint a command talks to. Without it, the
 * one the running gateway wrote to {@code HOME/gateway/endpoints.json}.
 */
final class GatewayOption {

  /** How long a command waits for the gateway. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Option(
      names = "--gateway",
      paramLabel = "HOST:PORT",
      description =
          "The gateway's HTTP endpoint (default: the running gateway's, from"
              + " HOME/gateway/endpoints.json).")
  String address;

  /** The running gateway's endpoints, if its file exists. */
  static Optional<GatewayEndpoints> endpoints(Path home) throws IOException {
    return Files.exists(GatewayEndpoints.file(home))
        ? Optional.of(GatewayEndpoints.read(home))
        : Optional.empty();
  }

  /**
   * A client for the gateway.
   *
   * @throws org.kdcmail.gateway.GatewayNotRunningException no option and no endpoints file
   */
  ControlClient client(Path home) throws IOException {
    InetSocketAddress http = address != null ? parse(address) : GatewayEndpoints.read(home).http();
    return ControlClient.to(http, TIMEOUT);
  }

  private static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    try {
      if (colon > 0) {
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new IllegalArgumentException(
        "--gateway: '" + hostPort + "' is not HOST:PORT (e.g. 127.0.0.1:2180)");
  }
}
