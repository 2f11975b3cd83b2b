package org.kdcmail.bench.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.KdcInitializer;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentRequest;
import org.kdcmail.plugin.enroll.KdcAddress;

/**
 * kdcmail's KDC in this JVM, initialized in a fresh folder with its default settings (Derby on
 * disk, durable commits) on a free loopback port, and enrollment of users through the real protocol
 * (invitation over the admin channel, then the client's enrollment). Passphrase costs are cheap:
 * unlocking is not what is measured.
 */
final class BenchKdc implements AutoCloseable {
  /** Cheap Argon2id for the benchmark's stores; production uses RFC 9106's second choice. */
  static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);

  private static final char[] PASSPHRASE = "throwaway benchmark passphrase".toCharArray();

  private final KdcPaths paths;
  private final KdcServer server;

  private BenchKdc(KdcPaths paths, KdcServer server) {
    this.paths = paths;
    this.server = server;
  }

  /** Initializes a KDC in {@code folder/kdc} (which must not hold one) and starts it. */
  static BenchKdc start(Path folder) throws Exception {
    KdcPaths paths = new KdcPaths(folder.resolve("kdc"));
    KdcSettings settings =
        KdcSettings.defaults("gateway-bench").withPort(0).withMetricsPort(KdcSettings.METRICS_OFF);
    new KdcInitializer(paths, settings, CHEAP).initialize(PASSPHRASE.clone());
    return new BenchKdc(paths, KdcServer.start(paths, settings, PASSPHRASE.clone()));
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.port());
  }

  /** Invites and enrolls {@code user}, writing its client store to {@code store}. */
  void enroll(Path store, EnrolledUser user) throws Exception {
    new Enrollment(
            new ClientKdfSettings(
                CHEAP, CHEAP, new SecureRandom(), Duration.ofSeconds(5), Duration.ofSeconds(30)))
        .enroll(
            new EnrollmentRequest(
                new KdcAddress("127.0.0.1", server.port()),
                server.fingerprint(),
                user.address(),
                user.password().toCharArray(),
                user.mkId().toCharArray(),
                user.mkPassword().toCharArray(),
                EnrollmentCode.parse(invite(user.address())),
                store,
                false));
  }

  private String invite(String user) throws Exception {
    AdminToken token = AdminToken.read(paths.root());
    try (KdcConnection connection = KdcConnection.connect(address())) {
      AdminResponse response =
          AdminResponse.decode(
              connection
                  .exchange(new AdminRequest(token, "invite", List.of(user)).toFrame())
                  .payload());
      return new ObjectMapper().readTree(response.bodyText()).get("code").asText();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
