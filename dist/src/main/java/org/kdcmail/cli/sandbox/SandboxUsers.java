package org.kdcmail.cli.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminStatus;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentRequest;
import org.kdcmail.plugin.enroll.KdcAddress;

/**
 * Enrolls the {@link SandboxUser}s through the real protocol — an invitation over the admin
 * channel, then the client's enrollment with production Argon2id costs, writing their client stores
 * in the home folder — unless the KDC already knows them and their stores exist.
 */
final class SandboxUsers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KdcServer kdc;
  private final Path home;
  private final Consumer<String> progress;
  private final ClientKdfSettings costs;

  SandboxUsers(KdcServer kdc, Path home, Consumer<String> progress, ClientKdfSettings costs) {
    this.kdc = kdc;
    this.home = home;
    this.progress = progress;
    this.costs = costs;
  }

  /** Makes sure every sandbox user is enrolled and has a client store. */
  void ensureEnrolled() throws Exception {
    Set<String> known = new HashSet<>();
    for (JsonNode user : admin("users").path("users")) {
      known.add(user.path("user").asText());
    }
    for (SandboxUser user : SandboxUser.ALL) {
      Path store = new ClientPaths(home).storeFile(user.address());
      if (known.contains(user.address()) && Files.exists(store)) {
        progress.accept(user + " is enrolled (client store " + store + ")");
        continue;
      }
      progress.accept("enrolling " + user + " (Argon2id at production cost: a few seconds)");
      String code =
          admin(known.contains(user.address()) ? "rotate" : "invite", user.address())
              .path("code")
              .asText();
      enroll(user, EnrollmentCode.parse(code), store);
    }
  }

  private void enroll(SandboxUser user, EnrollmentCode code, Path store) throws Exception {
    EnrollmentRequest request =
        new EnrollmentRequest(
            new KdcAddress("127.0.0.1", kdc.port()),
            kdc.fingerprint(),
            user.address(),
            user.loginPassword().toCharArray(),
            user.mkId().toCharArray(),
            user.mkPassword().toCharArray(),
            code,
            store,
            true);
    try {
      new Enrollment(costs).enroll(request);
    } finally {
      request.clear();
    }
  }

  private JsonNode admin(String command, String... args) throws IOException {
    KdcPaths paths = KdcPaths.underHome(home);
    AdminToken token = AdminToken.read(paths.root());
    try (KdcConnection connection =
        KdcConnection.connect(new InetSocketAddress("127.0.0.1", kdc.port()))) {
      AdminResponse response =
          AdminResponse.decode(
              connection
                  .exchange(new AdminRequest(token, command, List.of(args)).toFrame())
                  .payload());
      if (response.status() != AdminStatus.OK) {
        throw new IOException("the KDC refused '" + command + "': " + response.bodyText());
      }
      return JSON.readTree(response.bodyText());
    }
  }
}
