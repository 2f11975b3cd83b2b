package org.kdcmail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.KdcInitializer;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import picocli.CommandLine;

/**
 * {@code kdcmail admin rotate USER} against a real KDC whose folder is under the command's home (so
 * the admin commands find its settings and token): invite, enroll, rotate, enroll again with a new
 * master key password, and the KDC reports key version 2 and a {@code rotate} audit entry.
 */
class AdminRotateCommandTest {
  private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);
  private static final char[] PASSPHRASE = "test admin passphrase".toCharArray();
  private static final String USER = "erin@corp.example";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  private KdcServer server;

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    KdcPaths paths = KdcPaths.underHome(home);
    KdcSettings settings = KdcSettings.defaults("test-node").withPort(port).withMetricsPort(0);
    new KdcInitializer(paths, settings, CHEAP).initialize(PASSPHRASE.clone());
    server = KdcServer.start(paths, settings, PASSPHRASE.clone());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  record Run(int status, String out, String err) {}

  private Run run(Object replacement, String... args) {
    CommandLine commandLine = KdcmailCommand.commandLine();
    if (replacement != null) {
      commandLine.getCommandSpec().removeSubcommand(new CommandLine(replacement).getCommandName());
      commandLine.addSubcommand(replacement);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--home";
    all[1] = home.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return new Run(commandLine.execute(all), out.toString(), err.toString());
  }

  private Run admin(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "admin";
    System.arraycopy(args, 0, all, 1, args.length);
    return run(null, all);
  }

  private Run enroll(String code, String mkPassword, String... extra) {
    ClientKdfSettings cheap =
        new ClientKdfSettings(
            CHEAP, CHEAP, new SecureRandom(), Duration.ofSeconds(5), Duration.ofSeconds(10));
    String answers = "login-pw\nmk-id\n" + mkPassword + "\n" + mkPassword + "\n" + code + "\n";
    String[] args = {
      "enroll",
      "--kdc",
      "127.0.0.1:" + server.port(),
      "--fingerprint",
      server.fingerprint().format(),
      "--user",
      USER,
      "--stdin"
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    EnrollCommand command =
        new EnrollCommand(
            new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)), cheap);
    return run(command, all);
  }

  private JsonNode json(Run run) throws Exception {
    assertThat(run.status()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  private int keyVersion() throws Exception {
    for (JsonNode user : json(admin("users", "--json")).get("users")) {
      if (user.get("user").asText().equals(USER)) {
        return user.get("key_version").asInt();
      }
    }
    throw new AssertionError(USER + " is not listed");
  }

  @Test
  void rotate_printsAnInvitation_andTheNextEnrollmentIsKeyVersionTwo() throws Exception {
    String first = json(admin("invite", USER, "--json")).get("code").asText();
    assertThat(enroll(first, "first mk pw").status()).isZero();
    assertThat(keyVersion()).isEqualTo(1);

    Run rotated = admin("rotate", USER);
    assertThat(rotated.status()).as(rotated.err()).isZero();
    assertThat(rotated.out())
        .contains("key rotation for " + USER + " (current key version 1)")
        .contains("invitation for " + USER)
        .contains("enrollment code:")
        .contains("KDC fingerprint:  " + server.fingerprint().format())
        .contains("--user " + USER + " --replace");
    String code = rotated.out().replaceAll("(?s).*enrollment code:\\s+(\\S+).*", "$1");
    assertThat(code).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){5}").isNotEqualTo(first);

    Run again = enroll(code, "second mk pw", "--replace");
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(keyVersion()).isEqualTo(2);

    JsonNode audit = json(admin("audit", "--json"));
    assertThat(audit.get("entries").toString())
        .contains("\"type\":\"rotate\"")
        .contains("from key version 1");
    assertThat(admin("audit", "--verify").status()).isZero();
  }

  @Test
  void rotate_json_carriesTheInvitationAndTheCurrentKeyVersion() throws Exception {
    String first = json(admin("invite", USER, "--json")).get("code").asText();
    assertThat(enroll(first, "first mk pw").status()).isZero();

    JsonNode body = json(admin("rotate", USER, "--expires", "2", "--json"));
    assertThat(body.get("user").asText()).isEqualTo(USER);
    assertThat(body.get("key_version").asInt()).isEqualTo(1);
    assertThat(body.get("fingerprint").asText()).isEqualTo(server.fingerprint().format());
    assertThat(body.get("code").asText()).isNotEqualTo(first);
    assertThat(body.get("invitation_id").asText()).isNotBlank();
  }

  @Test
  void rotate_unknownUser_failsAndPointsToInvite() {
    Run run = admin("rotate", "nobody@corp.example");
    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("no enrolled user nobody@corp.example").contains("invite");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void rotate_invitedButNotEnrolledUser_fails() throws Exception {
    json(admin("invite", USER, "--json"));
    Run run = admin("rotate", USER);
    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("no enrolled user " + USER);
  }
}
