package org.kdcmail.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.kdcmail.secrets.OwnerOnlyFile;

/**
 * Where a running gateway listens, written to {@code home/gateway/endpoints.json} at start and
 * removed at a clean stop, so {@code kdcmail unlock}, {@code lock} and {@code status} find it with
 * no options.
 *
 * @param smtp client SMTP listener
 * @param pop3 client POP3 listener
 * @param http health, metrics, autoconfig and the loopback unlock channel
 * @param pid the gateway's process id
 */
public record GatewayEndpoints(
    InetSocketAddress smtp, InetSocketAddress pop3, InetSocketAddress http, long pid) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public GatewayEndpoints {
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(pop3, "pop3");
    Objects.requireNonNull(http, "http");
  }

  /** The endpoints file under a kdcmail home folder. */
  public static Path file(Path home) {
    return home.resolve("gateway").resolve("endpoints.json");
  }

  /** Writes this record to {@link #file(Path)} (owner-only, atomically). */
  public void write(Path home) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("smtp", hostPort(smtp));
    o.put("pop3", hostPort(pop3));
    o.put("http", hostPort(http));
    o.put("pid", pid);
    Path f = file(home);
    Files.createDirectories(f.getParent());
    OwnerOnlyFile.writeAtomically(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
  }

  /**
   * Reads the endpoints of the gateway running for {@code home}.
   *
   * @throws GatewayNotRunningException if there is no endpoints file
   * @throws IOException if it cannot be read or parsed
   */
  public static GatewayEndpoints read(Path home) throws IOException {
    Path f = file(home);
    if (!Files.exists(f)) {
      throw new GatewayNotRunningException(
          "no gateway is running for "
              + home
              + " (no "
              + f.getFileName()
              + "): start one with kdcmail sandbox or kdcmail gateway serve");
    }
    JsonNode o = JSON.readTree(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
    try {
      return new GatewayEndpoints(
          parse(o.path("smtp").asText()),
          parse(o.path("pop3").asText()),
          parse(o.path("http").asText()),
          o.path("pid").asLong());
    } catch (IllegalArgumentException e) {
      throw new IOException(f + " is damaged: " + e.getMessage(), e);
    }
  }

  /** Removes the endpoints file if it still names this process. */
  public static void remove(Path home, long pid) throws IOException {
    Path f = file(home);
    if (Files.exists(f) && read(home).pid() == pid) {
      Files.deleteIfExists(f);
    }
  }

  private static String hostPort(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  private static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("'" + hostPort + "' is not host:port");
    }
    return new InetSocketAddress(
        hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
