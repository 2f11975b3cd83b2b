package org.kdcmail.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.SecretScan;

/**
 * The enrollment story with the real command, as an admin and a user would type it: {@code kdc
 * init}, {@code kdc serve} in the background, {@code admin invite}, {@code enroll}, {@code unlock}
 * — each its own process, the KDC on a real loopback port with Derby on disk.
 */
class EnrollmentCliIT {
  private static final String USER = "alice@example.test";
  private static final String LOGIN = "correct horse login";
  private static final String MK_ID = "alice-master-key-id-7f3";
  private static final String MK_PASS = "alice mk password 91!";

  @TempDir Path tmp;
  private KdcmailProcess kdc;
  private Path passphraseFile;
  private Process server;
  private int port;
  private String fingerprint;

  @BeforeEach
  void startKdc() throws Exception {
    Path kdcHome = Files.createDirectories(tmp.resolve("kdc-home"));
    kdc = new KdcmailProcess(kdcHome);
    passphraseFile = Files.writeString(tmp.resolve("passphrase"), "admin passphrase 42\n");
    int metricsPort;
    try (ServerSocket probe = new ServerSocket(0);
        ServerSocket metricsProbe = new ServerSocket(0)) {
      port = probe.getLocalPort();
      metricsPort = metricsProbe.getLocalPort();
    }
    KdcmailProcess.Result init =
        kdc.run(
            "",
            "kdc",
            "init",
            "--passphrase-file",
            passphraseFile.toString(),
            "--port",
            Integer.toString(port),
            "--metrics-port",
            Integer.toString(metricsPort));
    assertThat(init.status()).as(init.err()).isZero();
    assertThat(init.err()).contains("not quantum");
    fingerprint = init.out().replaceAll("(?s).*identity fingerprint: (\\S+).*", "$1");
    String[] serve = {"kdc", "serve", "--passphrase-file", passphraseFile.toString()};
    server = kdc.start("", serve);
    KdcmailProcess.awaitText(
        kdc.outputFile("err", serve), "KDC listening on", Duration.ofSeconds(90));
  }

  @AfterEach
  void stopKdc() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  private JsonNode invite(String user) throws Exception {
    KdcmailProcess.Result invite = kdc.run("", "admin", "invite", user, "--json");
    assertThat(invite.status()).as(invite.err()).isZero();
    return new ObjectMapper().readTree(invite.out());
  }

  private KdcmailProcess.Result enroll(KdcmailProcess user, String name, String code)
      throws Exception {
    return user.run(
        String.join("\n", LOGIN, MK_ID, MK_PASS, MK_PASS, code) + "\n",
        "enroll",
        "--kdc",
        "127.0.0.1:" + port,
        "--fingerprint",
        fingerprint,
        "--user",
        name,
        "--stdin");
  }

  private KdcmailProcess.Result unlock(KdcmailProcess user, String mkPassword) throws Exception {
    return user.run(
        String.join("\n", LOGIN, MK_ID, mkPassword) + "\n",
        "unlock",
        "--user",
        USER,
        "--check",
        "--stdin");
  }

  @Test
  void inviteEnrollUnlock_endToEnd_storesNoSecretInClear() throws Exception {
    JsonNode invitation = invite(USER);
    assertThat(invitation.get("user").asText()).isEqualTo(USER);
    assertThat(invitation.get("fingerprint").asText()).isEqualTo(fingerprint);
    assertThat(invitation.get("expires").asText()).isNotBlank();
    String code = invitation.get("code").asText();
    assertThat(code).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){5}");

    KdcmailProcess alice = new KdcmailProcess(Files.createDirectories(tmp.resolve("alice-home")));
    KdcmailProcess.Result enrolled = enroll(alice, USER, code);
    assertThat(enrolled.status()).as(enrolled.err()).isZero();

    KdcmailProcess.Result unlocked = unlock(alice, MK_PASS);
    assertThat(unlocked.status()).as(unlocked.err()).isZero();

    KdcmailProcess.Result users = kdc.run("", "admin", "users", "--json");
    assertThat(users.out()).contains(USER).contains("active");

    KdcmailProcess.Result reused =
        enroll(new KdcmailProcess(Files.createDirectories(tmp.resolve("eve-home"))), USER, code);
    assertThat(reused.status()).isNotZero();
    assertThat(reused.err()).contains("no pending invitation");

    KdcmailProcess.Result wrong = unlock(alice, "not the password");
    assertThat(wrong.status()).isEqualTo(1);
    assertThat(wrong.err()).contains("master key ID or password is wrong");

    server.destroy();
    server.waitFor();
    server = null;
    for (String secret : List.of(LOGIN, MK_ID, MK_PASS, code, "admin passphrase 42")) {
      assertThat(
              SecretScan.of(tmp)
                  .skipping(name -> name.startsWith("cmd-") || name.equals("passphrase"))
                  .filesContaining(secret))
          .as("files holding '%s'", secret)
          .isEmpty();
    }
  }

  @Test
  void enroll_fiveWrongCodes_lockTheInvitation() throws Exception {
    String code = invite("bob@example.test").get("code").asText();
    String wrongCode = code.charAt(0) == 'A' ? "B" + code.substring(1) : "A" + code.substring(1);
    KdcmailProcess bob = new KdcmailProcess(Files.createDirectories(tmp.resolve("bob-home")));
    for (int attempt = 1; attempt <= 4; attempt++) {
      KdcmailProcess.Result result = enroll(bob, "bob@example.test", wrongCode);
      assertThat(result.status()).isNotZero();
      assertThat(result.err()).contains("enrollment code is wrong");
    }
    KdcmailProcess.Result fifth = enroll(bob, "bob@example.test", wrongCode);
    assertThat(fifth.err()).contains("locked");
    KdcmailProcess.Result right = enroll(bob, "bob@example.test", code);
    assertThat(right.status()).isNotZero();
    assertThat(right.err()).contains("locked");
  }

  @Test
  void enroll_wrongFingerprint_abortsAndStoresNothing() throws Exception {
    String code = invite("carol@example.test").get("code").asText();
    fingerprint = fingerprint.replaceFirst("^.", fingerprint.startsWith("0") ? "1" : "0");
    Path carolHome = Files.createDirectories(tmp.resolve("carol-home"));
    KdcmailProcess.Result result =
        enroll(new KdcmailProcess(carolHome), "carol@example.test", code);
    assertThat(result.status()).isNotZero();
    assertThat(result.err()).contains("KDC identity does not match the pinned fingerprint");
    try (Stream<Path> files = Files.walk(carolHome)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .allMatch(name -> name.startsWith("cmd-"));
    }
  }
}
