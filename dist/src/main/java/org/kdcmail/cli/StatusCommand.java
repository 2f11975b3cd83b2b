package org.kdcmail.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.control.GatewayStatus;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.keys.UnlockedUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail status [--json]}: the running gateway's endpoints, its key-cache policy, and who
 * is unlocked until when. Uses the gateway's control token ({@code HOME/gateway/control.token}).
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the running gateway's endpoints and who is unlocked, for how long.")
final class StatusCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;
  @ParentCommand private KdcmailCommand parent;
  @Mixin private GatewayOption gateway;

  @Option(names = "--json", description = "Print the status as JSON on standard output.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    Path home = parent.home().path();
    Optional<GatewayEndpoints> endpoints =
        gateway.address == null ? GatewayOption.endpoints(home) : Optional.empty();
    GatewayStatus status = gateway.client(home).status(controlToken(home));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode o = JSON.createObjectNode();
      endpoints.ifPresent(e -> o.set("gateway", endpointsJson(e)));
      o.setAll(status.toJson());
      out.println(JSON.writeValueAsString(o));
    } else {
      print(out, endpoints, status);
    }
    out.flush();
    return 0;
  }

  /**
   * The gateway's control token.
   *
   * @throws IOException naming the file and who may read it, when it cannot be read
   */
  static UnlockToken controlToken(Path home) throws IOException {
    TokenFile file = TokenFile.control(home);
    return file.read()
        .orElseThrow(
            () ->
                new IOException(
                    "no gateway control token at "
                        + file.path()
                        + ": is a gateway running for this home? (kdcmail sandbox or kdcmail"
                        + " gateway serve)"));
  }

  private static void print(
      PrintWriter out, Optional<GatewayEndpoints> endpoints, GatewayStatus status) {
    KeyCacheWords words = new KeyCacheWords(ZoneId.systemDefault());
    endpoints.ifPresent(
        e ->
            out.println(
                "gateway: SMTP "
                    + hostPort(e.smtp())
                    + ", POP3 "
                    + hostPort(e.pop3())
                    + ", HTTP "
                    + hostPort(e.http())
                    + " (pid "
                    + e.pid()
                    + ")"));
    out.println("key cache: " + words.policy(status.policy()));
    out.println("TLS certificate SHA-256: " + status.tlsFingerprint());
    if (status.users().isEmpty()) {
      out.println("nobody is unlocked");
      return;
    }
    out.println("unlocked:");
    for (UnlockedUser u : status.users()) {
      String until =
          status
              .timeLeft(u)
              .map(
                  left ->
                      "until "
                          + words.clock(u.expiresAt().orElseThrow())
                          + " ("
                          + KeyCacheWords.span(left)
                          + " left)")
              .orElse("for one message");
      out.println("  " + u.user() + "  " + until + ", since " + words.clock(u.unlockedAt()));
    }
  }

  private static ObjectNode endpointsJson(GatewayEndpoints e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("smtp", hostPort(e.smtp()));
    o.put("pop3", hostPort(e.pop3()));
    o.put("http", hostPort(e.http()));
    o.put("pid", e.pid());
    return o;
  }

  static String hostPort(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }
}
