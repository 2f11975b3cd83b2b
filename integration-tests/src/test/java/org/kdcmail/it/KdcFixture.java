package org.kdcmail.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.protocol.wire.FrameCodec;
import org.kdcmail.kdc.server.KdcInitializer;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentRequest;
import org.kdcmail.plugin.enroll.KdcAddress;
import org.kdcmail.plugin.unlock.Unlocker;

/**
 * A real KDC for integration tests: initialized in a folder with a cheap passphrase cost, started
 * on free loopback ports with Derby on disk (or the database its settings name; {@link #joining}
 * adds a second node on a shared PostgreSQL database), restartable, with helpers that invite and
 * enroll users through the real protocol and talk to the admin channel.
 */
public final class KdcFixture implements AutoCloseable {
  /** Cheap Argon2id parameters for tests; production uses RFC 9106's second recommendation. */
  public static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);

  private static final char[] PASSPHRASE = "kdc admin passphrase".toCharArray();
  private static final String LOGIN = "login password";
  private static final String MK_PASS = "master key password";

  private final Path folder;
  private final KdcPaths paths;
  private final KdcSettings settings;
  private KdcServer server;

  public KdcFixture(Path folder) throws Exception {
    this(folder, KdcSettings.defaults("it-node").withPort(0).withMetricsPort(0));
  }

  /** A KDC initialized with {@code settings} (e.g. a PostgreSQL database URL), then started. */
  public KdcFixture(Path folder, KdcSettings settings) throws Exception {
    this.folder = folder;
    this.paths = new KdcPaths(folder.resolve("kdc"));
    this.settings = settings;
    new KdcInitializer(paths, settings, CHEAP).initialize(PASSPHRASE.clone());
    start();
  }

  private KdcFixture(Path folder, KdcPaths paths, KdcSettings settings) throws Exception {
    this.folder = folder;
    this.paths = paths;
    this.settings = settings;
    start();
  }

  /**
   * Another node of {@code first}'s KDC: its own folder with a copy of the wrapped KEK (same admin
   * passphrase) and {@code settings}, which must name the same shared database, so it serves the
   * same users with the same identity key. Not initialized: the identity is already in the store.
   */
  public static KdcFixture joining(KdcFixture first, Path folder, KdcSettings settings)
      throws Exception {
    KdcPaths paths = new KdcPaths(folder.resolve("kdc"));
    Files.createDirectories(paths.root());
    Files.copy(first.paths.kekFile(), paths.kekFile());
    settings.write(paths.settings());
    return new KdcFixture(folder, paths, settings);
  }

  public void start() throws Exception {
    server = KdcServer.start(paths, settings, PASSPHRASE.clone());
  }

  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  public KdcServer server() {
    return server;
  }

  public KdcPaths paths() {
    return paths;
  }

  public static char[] passphrase() {
    return PASSPHRASE.clone();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.port());
  }

  /** A connection to the KDC that accepts replies up to 1 MiB (many-recipient replies). */
  public KdcConnection connect() throws Exception {
    return KdcConnection.connect(address(), Duration.ofSeconds(5), Duration.ofSeconds(30), 1 << 20);
  }

  /** Sends an admin command and returns the KDC's JSON answer (of any size the CLI accepts). */
  public JsonNode admin(String command, String... args) throws Exception {
    AdminToken token = AdminToken.read(paths.root());
    try (KdcConnection connection =
        KdcConnection.connect(
            address(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES)) {
      AdminResponse response =
          AdminResponse.decode(
              connection
                  .exchange(new AdminRequest(token, command, List.of(args)).toFrame())
                  .payload());
      return new ObjectMapper().readTree(response.bodyText());
    }
  }

  /** Invites and enrolls {@code user} through the real protocol; returns the unlocked key. */
  public MasterKey enroll(String user) throws Exception {
    Path store = folder.resolve("clients").resolve(user).resolve("client.store");
    enroll(user, store, LOGIN, user + "-mk-id", MK_PASS);
    return new Unlocker(CHEAP)
        .unlock(store, LOGIN.toCharArray(), (user + "-mk-id").toCharArray(), MK_PASS.toCharArray());
  }

  /**
   * Invites and enrolls {@code user} through the real protocol with these credentials, writing the
   * client store to {@code store} (cheap Argon2id: unlock it with {@code new Unlocker(CHEAP)}).
   */
  public void enroll(String user, Path store, String login, String mkId, String mkPassword)
      throws Exception {
    enroll(invite(user), CHEAP, user, store, login, mkId, mkPassword);
  }

  /** Invites {@code user} over the admin channel; returns the enrollment code. */
  public String invite(String user) throws Exception {
    return admin("invite", user).get("code").asText();
  }

  /**
   * Enrolls {@code user} through the real protocol with an enrollment {@code code} already drawn
   * ({@code invite} or {@code rotate}), writing the client store to {@code store}. The client's
   * Argon2id cost is {@code userPointCost} for the user point and {@link #CHEAP} for the store key
   * (unlock it with {@code new Unlocker(CHEAP)}).
   */
  public void enroll(
      String code,
      Argon2Parameters userPointCost,
      String user,
      Path store,
      String login,
      String mkId,
      String mkPassword)
      throws Exception {
    new Enrollment(
            new ClientKdfSettings(
                userPointCost,
                CHEAP,
                new SecureRandom(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30)))
        .enroll(
            new EnrollmentRequest(
                new KdcAddress("127.0.0.1", server.port()),
                server.fingerprint(),
                user,
                login.toCharArray(),
                mkId.toCharArray(),
                mkPassword.toCharArray(),
                EnrollmentCode.parse(code),
                store,
                false));
  }

  @Override
  public void close() {
    stop();
  }
}
