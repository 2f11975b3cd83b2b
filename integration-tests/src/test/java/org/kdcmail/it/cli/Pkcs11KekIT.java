package org.kdcmail.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.protocol.session.OpenedTicket;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKeyClient;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentRequest;
import org.kdcmail.plugin.enroll.KdcAddress;
import org.kdcmail.plugin.unlock.Unlocker;
import org.kdcmail.testing.RequiresProgram;

/**
 * The KEK on a PKCS#11 token (SoftHSM2 in a throwaway token folder), with the packaged {@code
 * kdcmail.jar}: {@code kdc init --pkcs11-config} creates a non-extractable AES key on the token and
 * wraps the KEK with it; {@code kdc serve} unwraps it on the token, users enroll and get session
 * keys, and so again after a restart. A wrong PIN and a missing token each stop {@code kdc serve}
 * with a message that says what is wrong, without the PIN.
 */
@RequiresProgram(value = "softhsm2-util", debianPackage = "softhsm2")
class Pkcs11KekIT {
  private static final List<Path> LIBRARIES =
      List.of(
          Path.of("/usr/lib/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"));
  private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);
  private static final SessionRandom RANDOM = SessionRandom.of(new SecureRandom());
  private static final String TOKEN = "kdcmail-it";
  private static final String PIN = "271828";
  private static final String WRONG_PIN = "314159";
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";

  @TempDir Path tmp;
  private Process serving;

  @AfterEach
  void stopKdc() throws Exception {
    stop();
  }

  @Test
  void initServeEnrollRestart_thenWrongPinAndMissingToken_failClearly() throws Exception {
    Map<String, String> env = Map.of("SOFTHSM2_CONF", softHsmConfig().toString());
    long slot = initToken(env);
    Path pinFile = ownerOnly(tmp.resolve("token.pin"), PIN);
    int port = freePort();
    Path config =
        Files.writeString(
            tmp.resolve("pkcs11.properties"),
            "library="
                + library()
                + "\nslot="
                + slot
                + "\nkey-label=kdcmail-kek\npin-file="
                + pinFile
                + "\n");
    Path home = Files.createDirectories(tmp.resolve("home"));
    KdcmailProcess kdcmail = new KdcmailProcess(home, env);

    KdcmailProcess.Result init =
        kdcmail.run(
            "",
            "kdc",
            "init",
            "--pkcs11-config",
            config.toString(),
            "--port",
            Integer.toString(port),
            "--metrics-port",
            "-1");
    assertThat(init.status()).as(init.err()).isZero();
    assertThat(init.out()).contains("PKCS#11 key 'kdcmail-kek'");
    Path kdc = home.resolve("kdc");
    assertThat(kdc.resolve("kek.token")).exists();
    assertThat(kdc.resolve("kek.wrapped")).doesNotExist();
    assertThat(Files.readString(kdc.resolve("kdc.properties"))).doesNotContain(PIN);

    serve(kdcmail);
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    MasterKey alice = enroll(kdc, address, ALICE);
    MasterKey bob = enroll(kdc, address, BOB);
    assertSessionKey(address, alice, bob);

    stop();
    serve(kdcmail); // restart: the KEK is unwrapped on the token again
    assertSessionKey(address, alice, bob);
    stop();

    ownerOnly(pinFile, WRONG_PIN);
    KdcmailProcess.Result wrongPin = kdcmail.run("", "kdc", "serve");
    assertThat(wrongPin.status()).isEqualTo(1);
    assertThat(wrongPin.err()).contains("PKCS#11 token PIN is wrong").doesNotContain(WRONG_PIN);

    ownerOnly(pinFile, PIN);
    ProcessBuilder delete =
        new ProcessBuilder("softhsm2-util", "--delete-token", "--token", TOKEN)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("delete-token.log").toFile());
    delete.environment().putAll(env);
    assertThat(delete.start().waitFor(60, TimeUnit.SECONDS)).isTrue();
    KdcmailProcess.Result missing = kdcmail.run("", "kdc", "serve");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("no usable PKCS#11 token").contains("slot " + slot);
  }

  private void serve(KdcmailProcess kdcmail) throws Exception {
    serving = kdcmail.start("", "kdc", "serve");
    KdcmailProcess.awaitText(
        kdcmail.outputFile("err", "kdc", "serve"), "KDC listening", Duration.ofSeconds(90));
  }

  private void stop() throws Exception {
    if (serving != null) {
      serving.destroy();
      assertThat(serving.waitFor(60, TimeUnit.SECONDS)).isTrue();
      serving = null;
    }
  }

  private Path softHsmConfig() throws Exception {
    Path tokens = Files.createDirectories(tmp.resolve("tokens"));
    return Files.writeString(
        tmp.resolve("softhsm2.conf"),
        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
  }

  private long initToken(Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                TOKEN,
                "--pin",
                PIN,
                "--so-pin",
                "16180339")
            .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(output);
    assertThat(slot.find()).as(output).isTrue();
    return Long.parseLong(slot.group(1));
  }

  private static Path library() {
    return LIBRARIES.stream()
        .filter(Files::exists)
        .findFirst()
        .orElseThrow(() -> new AssertionError("libsofthsm2.so not found in " + LIBRARIES));
  }

  private static Path ownerOnly(Path file, String line) throws Exception {
    Files.writeString(file, line + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private MasterKey enroll(Path kdc, InetSocketAddress address, String user) throws Exception {
    JsonNode invite = admin(kdc, address, "invite", user);
    Path store = tmp.resolve("clients").resolve(user).resolve("client.store");
    new Enrollment(
            new ClientKdfSettings(
                CHEAP, CHEAP, new SecureRandom(), Duration.ofSeconds(5), Duration.ofSeconds(30)))
        .enroll(
            new EnrollmentRequest(
                new KdcAddress("127.0.0.1", address.getPort()),
                IdentityFingerprint.parse(invite.get("fingerprint").asText()),
                user,
                "login".toCharArray(),
                (user + "-id").toCharArray(),
                "mk password".toCharArray(),
                EnrollmentCode.parse(invite.get("code").asText()),
                store,
                false));
    return new Unlocker(CHEAP)
        .unlock(
            store,
            "login".toCharArray(),
            (user + "-id").toCharArray(),
            "mk password".toCharArray());
  }

  private static JsonNode admin(Path kdc, InetSocketAddress address, String command, String arg)
      throws Exception {
    try (KdcConnection connection = KdcConnection.connect(address)) {
      AdminResponse response =
          AdminResponse.decode(
              connection
                  .exchange(new AdminRequest(AdminToken.read(kdc), command, List.of(arg)).toFrame())
                  .payload());
      return new ObjectMapper().readTree(response.bodyText());
    }
  }

  private static void assertSessionKey(InetSocketAddress address, MasterKey alice, MasterKey bob)
      throws Exception {
    SessionKeyClient client =
        SessionKeyClient.request(
            new UserKey(ALICE, alice), List.of(BOB), Clock.systemUTC(), RANDOM);
    SessionGrant grant;
    try (KdcConnection connection = KdcConnection.connect(address)) {
      Frame reply =
          connection.exchange(new Frame(FrameType.SESSION_KEY_REQUEST, client.requestBytes()));
      grant = client.openReply(reply.payload());
    }
    OpenedTicket ticket =
        SessionKeyClient.openTicket(
            grant.tickets().get(0).ticket(), new UserKey(BOB, bob), Clock.systemUTC());
    assertThat(ticket.sessionKey()).isEqualTo(grant.sessionKey());
  }
}
