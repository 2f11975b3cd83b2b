package org.kdcmail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.KdcInitializer;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;

/**
 * A real KDC for command tests: initialized in a temporary folder with a cheap passphrase cost,
 * listening on a free loopback port, with one user invited through the admin channel.
 */
final class TestKdc implements AutoCloseable {
  private static final char[] PASSPHRASE = "test admin passphrase".toCharArray();

  private final KdcPaths paths;
  private final KdcServer server;
  private final String code;

  TestKdc(Path folder, String invitedUser) throws Exception {
    paths = new KdcPaths(folder);
    KdcSettings settings = KdcSettings.defaults("test-node").withPort(0).withMetricsPort(0);
    new KdcInitializer(paths, settings, new Argon2Parameters(1024, 1, 1))
        .initialize(PASSPHRASE.clone());
    server = KdcServer.start(paths, settings, PASSPHRASE.clone());
    code = admin("invite", invitedUser).get("code").asText();
  }

  /** {@code 127.0.0.1:PORT}. */
  String address() {
    return "127.0.0.1:" + server.port();
  }

  String fingerprint() {
    return server.fingerprint().format();
  }

  /** The invited user's enrollment code. */
  String code() {
    return code;
  }

  /** The users the KDC has enrolled, as {@code admin users} reports them. */
  JsonNode users() throws Exception {
    return admin("users").get("users");
  }

  private JsonNode admin(String command, String... args) throws Exception {
    AdminToken token = AdminToken.read(paths.root());
    try (KdcConnection connection =
        KdcConnection.connect(new InetSocketAddress("127.0.0.1", server.port()))) {
      AdminResponse response =
          AdminResponse.decode(
              connection
                  .exchange(new AdminRequest(token, command, List.of(args)).toFrame())
                  .payload());
      return new ObjectMapper().readTree(response.bodyText());
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
