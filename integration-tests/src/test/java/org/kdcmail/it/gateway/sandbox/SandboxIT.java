package org.kdcmail.it.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.cli.sandbox.SandboxBanner;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.it.cli.KdcmailProcess;
import org.kdcmail.testing.RequiresProgram;

/**
 * {@code kdcmail sandbox} as a user runs it, from the packaged jar: it prints the credentials and
 * settings; a second "terminal" unlocks alice and bob and checks {@code status} and {@code admin
 * users}; curl sends as alice through the gateway and reads as bob; the office server's raw copy
 * has neither subject nor body; SIGINT stops it with status 0 and removes the endpoints file; a
 * second run with the same {@code --data} keeps the users without enrolling them again.
 */
@Timeout(600)
@RequiresProgram(value = "curl", debianPackage = "curl")
class SandboxIT {
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";
  private static final String SUBJECT = "Sandbox subject 6e2a";
  private static final String BODY = "Sandbox secret body 41c9";
  private static final Duration START = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopLeftovers() throws Exception {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void sandbox_unlockSendReadStop_thenSecondRunKeepsUsers() throws Exception {
    Path home = tmp.resolve("home");
    Files.createDirectories(home);
    Path data = tmp.resolve("data");
    KdcmailProcess kdcmail = new KdcmailProcess(home);
    int[] ports = freePorts(6);
    String[] args = sandboxArgs(data, ports);

    Process first = start(kdcmail, args);
    String printout = Files.readString(kdcmail.outputFile("out", args));
    assertThat(printout)
        .contains("alice@example.test", "login password: alice ", "master key ID: alice-id")
        .contains("master key password: alice-mk-pass", "bob-mk-pass")
        .contains("server 127.0.0.1  port " + ports[0], "server 127.0.0.1  port " + ports[1])
        .contains("unlock --user alice@example.test", " status", "admin users")
        .contains("not quantum");
    assertThat(Files.readString(kdcmail.outputFile("err", args)))
        .contains("enrolling alice@example.test", "enrolling bob@example.test");

    unlock(kdcmail, ALICE, "alice", "alice-id", "alice-mk-pass");
    unlock(kdcmail, BOB, "bob", "bob-id", "bob-mk-pass");
    KdcmailProcess.Result status = kdcmail.run("", "status");
    assertThat(status.status()).as(status.err()).isZero();
    assertThat(status.out()).contains("unlocked:", ALICE, BOB);
    assertThat(enrolledUsers(kdcmail)).containsExactlyInAnyOrder(ALICE + " v1", BOB + " v1");

    Path message = tmp.resolve("hello.eml");
    Files.writeString(
        message,
        "From: "
            + ALICE
            + "\r\nTo: "
            + BOB
            + "\r\nSubject: "
            + SUBJECT
            + "\r\n\r\n"
            + BODY
            + "\r\n");
    curl(
        "smtp://127.0.0.1:" + ports[0],
        "--user",
        ALICE + ":alice",
        "--mail-from",
        ALICE,
        "--mail-rcpt",
        BOB,
        "--upload-file",
        message.toString());
    String read = curl("pop3://127.0.0.1:" + ports[1] + "/1", "--user", BOB + ":bob");
    assertThat(read).contains("X-Kdcmail-Status: decrypted", "Subject: " + SUBJECT, BODY);
    String office = curl("pop3://127.0.0.1:" + ports[4] + "/1", "--user", BOB + ":bob");
    assertThat(office).isNotEmpty().doesNotContain(SUBJECT).doesNotContain(BODY);

    stop(first);
    assertThat(GatewayEndpoints.file(home)).doesNotExist();

    Process second = start(kdcmail, args);
    assertThat(Files.readString(kdcmail.outputFile("err", args)))
        .contains(ALICE + " is enrolled", BOB + " is enrolled")
        .doesNotContain("enrolling");
    assertThat(enrolledUsers(kdcmail)).containsExactlyInAnyOrder(ALICE + " v1", BOB + " v1");
    stop(second);
  }

  @Test
  void sandbox_portInUse_namesTheOption() throws Exception {
    Path home = tmp.resolve("busy");
    Files.createDirectories(home);
    int[] ports = freePorts(6);
    try (ServerSocket taken = new ServerSocket(ports[5], 1, InetAddress.getLoopbackAddress())) {
      KdcmailProcess.Result r =
          new KdcmailProcess(home).run("", sandboxArgs(tmp.resolve("busy-data"), ports));

      assertThat(r.status()).isEqualTo(1);
      assertThat(r.err())
          .contains("port " + ports[5] + " on 127.0.0.1 is already in use")
          .contains("--kdc-port");
    }
  }

  private Process start(KdcmailProcess kdcmail, String[] args) throws Exception {
    Process p = kdcmail.start("", args);
    started.add(p);
    try {
      KdcmailProcess.awaitText(kdcmail.outputFile("out", args), SandboxBanner.READY, START);
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "\nstandard error:\n"
              + Files.readString(kdcmail.outputFile("err", args)),
          e);
    }
    return p;
  }

  /** Ctrl-C, as a user stops it (SIGTERM where this JVM's children ignore SIGINT). */
  private static void stop(Process p) throws Exception {
    String signal = ignoresSigint(p.pid()) ? "-TERM" : "-INT";
    new ProcessBuilder("kill", signal, Long.toString(p.pid())).inheritIO().start().waitFor();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the sandbox stops after " + signal).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  /** Whether SIGINT is ignored by {@code pid} (inherited from a non-interactive shell). */
  private static boolean ignoresSigint(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
      }
    }
    return false;
  }

  private static void unlock(
      KdcmailProcess kdcmail, String user, String login, String mkId, String mkPassword)
      throws Exception {
    KdcmailProcess.Result r =
        kdcmail.run(
            login + "\n" + mkId + "\n" + mkPassword + "\n", "unlock", "--user", user, "--stdin");
    assertThat(r.status()).as(r.err()).isZero();
  }

  /** {@code admin users --json} as "user vKEY_VERSION". */
  private static List<String> enrolledUsers(KdcmailProcess kdcmail) throws Exception {
    KdcmailProcess.Result r = kdcmail.run("", "admin", "users", "--json");
    assertThat(r.status()).as(r.err()).isZero();
    List<String> users = new ArrayList<>();
    for (JsonNode u : JSON.readTree(r.out()).path("users")) {
      users.add(u.path("user").asText() + " v" + u.path("key_version").asInt());
    }
    return users;
  }

  private static String curl(String url, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60", url));
    command.addAll(List.of(options));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("curl " + url + ": " + text).isZero();
    return text;
  }

  private static String[] sandboxArgs(Path data, int[] ports) {
    return new String[] {
      "sandbox",
      "--data",
      data.toString(),
      "--smtp-port",
      Integer.toString(ports[0]),
      "--pop3-port",
      Integer.toString(ports[1]),
      "--http-port",
      Integer.toString(ports[2]),
      "--office-smtp-port",
      Integer.toString(ports[3]),
      "--office-pop3-port",
      Integer.toString(ports[4]),
      "--kdc-port",
      Integer.toString(ports[5])
    };
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }
}
