package org.kdcmail.it.gateway.unlock;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.http.GatewayHttp;
import org.kdcmail.gateway.keys.KeyLease;
import org.kdcmail.gateway.server.GatewayTls;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.it.SecretScan;
import org.kdcmail.it.cli.KdcmailProcess;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentRequest;
import org.kdcmail.plugin.enroll.KdcAddress;
import org.kdcmail.plugin.unlock.Unlocker;
import org.slf4j.LoggerFactory;

/**
 * {@code kdcmail unlock --stdin}, {@code status --json} and {@code lock} as separate processes of
 * the packaged jar against a real {@link GatewayHttp} in a {@link MailSystem} home. The user is
 * enrolled with the production p1 cost, the one {@code kdcmail unlock} (like {@code kdcmail
 * enroll}) always uses; the store key is cheap (its cost is in the store's header).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnlockCommandIT {
  private static final String ERIN = "erin@" + MailSystem.DOMAIN;
  private static final String LOGIN = "erin-login-Secret-4417";
  private static final String MK_ID = "erin-mkid-Secret-9921";
  private static final String MK_PASS = "erin-mkpass-Secret-3308";
  private static final String ANSWERS = LOGIN + "\n" + MK_ID + "\n" + MK_PASS + "\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static MailSystem system;
  private static GatewayHttp http;
  private static KdcmailProcess kdcmail;
  private static FileAppender<ILoggingEvent> gatewayLog;
  private static final List<byte[]> keysSeen = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    gatewayLog = logTo(tmp.resolve("gateway.log"));
    system = new MailSystem(tmp);
    enrollWithProductionCost(ERIN);
    http =
        GatewayHttp.start(
            system.gatewaySettings().build(),
            system.keys(),
            GatewayTls.selfSigned(tmp.resolve("tls")),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    new GatewayEndpoints(
            new InetSocketAddress("127.0.0.1", 2525),
            new InetSocketAddress("127.0.0.1", 2110),
            http.address(),
            ProcessHandle.current().pid())
        .write(system.home());
    kdcmail = new KdcmailProcess(system.home());
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    if (system != null) {
      system.close();
    }
    if (gatewayLog != null) {
      ((LoggerContext) LoggerFactory.getILoggerFactory())
          .getLogger(Logger.ROOT_LOGGER_NAME)
          .detachAppender(gatewayLog);
      gatewayLog.stop();
      ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.kdcmail").setLevel(null);
    }
  }

  @Test
  @Order(1)
  void unlock_stdin_handsTheRightKeyToTheGateway() throws Exception {
    KdcmailProcess.Result r = kdcmail.run(ANSWERS, "unlock", "--user", ERIN, "--stdin");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().strip())
        .matches(
            ERIN.replace(".", "\\.") + " unlocked until \\d\\d:\\d\\d \\(15 min idle timeout\\)");
    assertThat(system.keys().isUnlocked(ERIN)).isTrue();

    MasterKey expected =
        new Unlocker(Argon2Parameters.RFC9106_SECOND_RECOMMENDED)
            .unlock(
                new ClientPaths(system.home()).storeFile(ERIN),
                LOGIN.toCharArray(),
                MK_ID.toCharArray(),
                MK_PASS.toCharArray());
    try (KeyLease lease = system.keys().lease(ERIN)) {
      assertThat(lease.key().masterKey()).isEqualTo(expected);
      keysSeen.add(expected.copyBytes());
    } finally {
      expected.destroy();
    }
    Path token = TokenFile.forUser(system.home(), ERIN).path();
    assertThat(Files.getPosixFilePermissions(token))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  @Order(2)
  void status_json_listsTheUnlockedUserAndTheEndpoints() throws Exception {
    KdcmailProcess.Result r = kdcmail.run("", "status", "--json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode status = JSON.readTree(r.out());
    assertThat(status.path("gateway").path("http").asText())
        .isEqualTo("127.0.0.1:" + http.address().getPort());
    assertThat(status.path("users")).hasSize(1);
    JsonNode erin = status.path("users").get(0);
    assertThat(erin.path("user").asText()).isEqualTo(ERIN);
    assertThat(erin.path("secondsLeft").asLong()).isBetween(60L, 900L);
    assertThat(status.path("policy").path("idleTimeoutSeconds").asLong()).isEqualTo(900);

    KdcmailProcess.Result text = kdcmail.run("", "status");
    assertThat(text.out())
        .contains("key cache: 15 min idle timeout")
        .contains("  " + ERIN + "  until ");
  }

  @Test
  @Order(3)
  void lock_user_dropsTheKey() throws Exception {
    KdcmailProcess.Result r = kdcmail.run("", "lock", "--user", ERIN);
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(ERIN + " locked");
    assertThat(system.keys().isUnlocked(ERIN)).isFalse();
  }

  @Test
  @Order(4)
  void unlock_wrongMasterKeyPassword_failsWithTheWrongMkMessageAndUnlocksNothing()
      throws Exception {
    KdcmailProcess.Result r =
        kdcmail.run(
            LOGIN + "\n" + MK_ID + "\nnot-the-mk-password\n", "unlock", "--user", ERIN, "--stdin");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("kdcmail: master key ID or password is wrong");
    assertThat(r.out()).isEmpty();
    assertThat(system.keys().unlocked()).isEmpty();
  }

  @Test
  @Order(5)
  void lock_withoutUser_locksEveryone() throws Exception {
    system.unlock(MailSystem.ALICE);
    system.unlock(MailSystem.BOB);
    KdcmailProcess.Result r = kdcmail.run("", "lock");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("locked 2 users");
    assertThat(system.keys().unlocked()).isEmpty();
  }

  @Test
  @Order(6)
  void unlock_noGatewayRunning_failsBeforeAskingAndSaysHowToStartOne() throws Exception {
    Path lonely = Files.createDirectories(tmp.resolve("lonely-home"));
    KdcmailProcess.Result r =
        new KdcmailProcess(lonely).run(ANSWERS, "unlock", "--user", ERIN, "--stdin");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .contains("no gateway is running for " + lonely)
        .contains("start one with kdcmail sandbox or kdcmail gateway serve");
  }

  @Test
  @Order(7)
  void unlock_gatewayGone_saysNoGatewayAnswers() throws Exception {
    KdcmailProcess.Result r =
        kdcmail.run(ANSWERS, "unlock", "--user", ERIN, "--stdin", "--gateway", "127.0.0.1:1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("no gateway answers at http://127.0.0.1:1");
  }

  @Test
  @Order(8)
  void noSecretInAnyOutputOrLog() throws Exception {
    gatewayLog.stop(); // flush
    assertThat(Files.size(tmp.resolve("gateway.log")))
        .as("the gateway log was written")
        .isPositive();
    List<String> secrets = new ArrayList<>(List.of(LOGIN, MK_ID, MK_PASS));
    for (byte[] key : keysSeen) {
      secrets.add(HexFormat.of().formatHex(key));
      secrets.add(Base64.getEncoder().encodeToString(key));
    }
    for (String secret : secrets) {
      assertThat(SecretScan.of(tmp).filesContaining(secret)).as("files holding a secret").isEmpty();
    }
    for (byte[] key : keysSeen) {
      assertThat(SecretScan.of(tmp).filesContaining(key)).as("files holding key bytes").isEmpty();
    }
    for (TokenFile file :
        List.of(TokenFile.forUser(system.home(), ERIN), TokenFile.control(system.home()))) {
      String token = file.read().orElseThrow().hex();
      assertThat(
              SecretScan.of(tmp).skipping(name -> name.endsWith(".token")).filesContaining(token))
          .as("files other than %s holding its token", file.path().getFileName())
          .isEmpty();
    }
  }

  private static void enrollWithProductionCost(String user) throws Exception {
    KdcFixture kdc = system.kdc();
    String code = kdc.admin("invite", user).get("code").asText();
    new Enrollment(
            new ClientKdfSettings(
                Argon2Parameters.RFC9106_SECOND_RECOMMENDED,
                KdcFixture.CHEAP,
                new SecureRandom(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30)))
        .enroll(
            new EnrollmentRequest(
                new KdcAddress("127.0.0.1", kdc.server().port()),
                kdc.server().fingerprint(),
                user,
                LOGIN.toCharArray(),
                MK_ID.toCharArray(),
                MK_PASS.toCharArray(),
                EnrollmentCode.parse(code),
                new ClientPaths(system.home()).storeFile(user),
                false));
  }

  /**
   * Sends every log event of this JVM to {@code file} as well, kdcmail's own at DEBUG (the level is
   * put back when the class ends, so later tests in this JVM do not log at DEBUG).
   */
  private static FileAppender<ILoggingEvent> logTo(Path file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d %-5level %logger - %msg%n%ex");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    appender.start();
    context.getLogger("org.kdcmail").setLevel(Level.DEBUG);
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return appender;
  }
}
