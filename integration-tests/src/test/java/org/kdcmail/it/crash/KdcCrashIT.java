package org.kdcmail.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.client.KdcClient;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.unlock.Unlocker;

/**
 * kill -9 of the KDC in the middle of a burst of session-key requests, with the packaged {@code
 * kdcmail.jar} as a separate JVM: {@code kdc init}, {@code kdc serve}, two users enrolled with
 * {@code enroll --stdin} (production Argon2id), then four client threads in this JVM request keys
 * through {@link KdcClient} while the KDC's JVM is killed with SIGKILL and restarted. Afterwards:
 * no key id was handed out twice, no two grants share a session key, every key a client received
 * before the kill is recorded as an issuance in the audit log (records are durable before the
 * reply), and {@code admin audit --verify} passes.
 */
class KdcCrashIT {
  private static final Path JAR = Path.of("..", "dist", "target", "kdcmail.jar");
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";
  private static final String LOGIN = "crash login password";
  private static final String MK_PASS = "crash mk password";
  private static final int THREADS = 4;

  /**
   * The kill comes after 1 s or this many keys, whichever is first; with the requests after the
   * restart this keeps the audit log within one {@code admin audit --limit 10000} listing.
   */
  private static final int KILL_AFTER_KEYS = 3000;

  private static final int REQUESTS_AFTER_RESTART = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Path kdcHome;
  private Path passphraseFile;
  private Process server;
  private int serverRuns;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null && server.isAlive()) {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The outcome of one finished {@code kdcmail} command. */
  record Result(int status, String out, String err) {}

  private ProcessBuilder kdcmail(Path home, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KDCMAIL_HOME", home.toString());
    return builder;
  }

  private Result run(Path home, String stdin, String... args) throws Exception {
    Path out = Files.createTempFile(tmp, "cmd-", ".out");
    Path err = Files.createTempFile(tmp, "cmd-", ".err");
    Process process =
        kdcmail(home, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("kdcmail " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Starts {@code kdc serve} and waits until it listens. */
  private void serve() throws Exception {
    Path err = tmp.resolve("serve-" + (++serverRuns) + ".err");
    server =
        kdcmail(kdcHome, "kdc", "serve", "--passphrase-file", passphraseFile.toString())
            .redirectOutput(tmp.resolve("serve-" + serverRuns + ".out").toFile())
            .redirectError(err.toFile())
            .start();
    server.getOutputStream().close();
    Instant deadline = Instant.now().plusSeconds(90);
    while (!(Files.exists(err) && Files.readString(err).contains("KDC listening on"))) {
      assertThat(server.isAlive()).as("kdc serve exited:\n%s", Files.readString(err)).isTrue();
      assertThat(Instant.now()).as("kdc serve did not start").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  /** Invites {@code user} and enrolls them with the CLI in their own home; returns the home. */
  private Path enroll(String user, int port, String fingerprint) throws Exception {
    Result invite = run(kdcHome, "", "admin", "invite", user, "--json");
    assertThat(invite.status()).as(invite.err()).isZero();
    String code = JSON.readTree(invite.out()).get("code").asText();
    Path home = Files.createDirectories(tmp.resolve(user));
    Result enrolled =
        run(
            home,
            String.join("\n", LOGIN, user + "-mk-id", MK_PASS, MK_PASS, code) + "\n",
            "enroll",
            "--kdc",
            "127.0.0.1:" + port,
            "--fingerprint",
            fingerprint,
            "--user",
            user,
            "--stdin");
    assertThat(enrolled.status()).as(enrolled.err()).isZero();
    return home;
  }

  /** Unlocks the user's store as {@code kdcmail unlock} would (production Argon2id). */
  private static MasterKey unlock(Path home, String user) throws Exception {
    return new Unlocker(Argon2Parameters.RFC9106_SECOND_RECOMMENDED)
        .unlock(
            new ClientPaths(home).storeFile(user),
            LOGIN.toCharArray(),
            (user + "-mk-id").toCharArray(),
            MK_PASS.toCharArray());
  }

  /** What the clients received, by key id: the session key in hex. */
  private record Received(String keyId, String sessionKeyHex) {}

  /**
   * Four threads requesting keys until {@code stop} is set or together they made {@code limit}
   * requests; transport failures (the KDC is dead) are counted and retried.
   */
  private static final class Burst {
    final List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicBoolean stop = new AtomicBoolean();
    final List<Thread> threads = new ArrayList<>();
    final Map<String, Throwable> unexpected = new ConcurrentHashMap<>();

    Burst(KdcClient client, UserKey alice, UserKey bob, int limit) {
      for (int t = 0; t < THREADS; t++) {
        UserKey sender = t % 2 == 0 ? alice : bob;
        String recipient = t % 2 == 0 ? BOB : ALICE;
        Thread thread =
            new Thread(
                () -> {
                  for (int n = 0; n < limit / THREADS && !stop.get(); n++) {
                    try {
                      SessionGrant grant =
                          client.requestSessionKey(sender, List.of(recipient), Clock.systemUTC());
                      received.add(
                          new Received(
                              grant.keyId().toString(),
                              HexFormat.of().formatHex(grant.sessionKey().copyBytes())));
                      grant.destroy();
                    } catch (IOException e) {
                      failures.incrementAndGet();
                      sleepQuietly();
                    } catch (Throwable e) {
                      unexpected.put(Thread.currentThread().getName(), e);
                      return;
                    }
                  }
                },
                "burst-" + t);
        threads.add(thread);
      }
    }

    Burst start() {
      threads.forEach(Thread::start);
      return this;
    }

    void join() throws InterruptedException {
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
      }
      assertThat(unexpected).as("unexpected failures in the client threads").isEmpty();
    }

    private static void sleepQuietly() {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void killDashNineMidBurst_noKeyTwice_issuedKeysAudited_chainHolds() throws Exception {
    assertThat(JAR).as("the distribution jar, built by the package phase").exists();
    kdcHome = Files.createDirectories(tmp.resolve("kdc-home"));
    passphraseFile = Files.writeString(tmp.resolve("passphrase"), "crash admin passphrase\n");
    int port;
    int metricsPort;
    try (ServerSocket probe = new ServerSocket(0);
        ServerSocket metricsProbe = new ServerSocket(0)) {
      port = probe.getLocalPort();
      metricsPort = metricsProbe.getLocalPort();
    }
    Result init =
        run(
            kdcHome,
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
    String fingerprint = init.out().replaceAll("(?s).*identity fingerprint: (\\S+).*", "$1");
    serve();
    UserKey alice = new UserKey(ALICE, unlock(enroll(ALICE, port, fingerprint), ALICE));
    UserKey bob = new UserKey(BOB, unlock(enroll(BOB, port, fingerprint), BOB));
    KdcClient client =
        KdcClient.builder()
            .address(new InetSocketAddress("127.0.0.1", port))
            .connectTimeout(Duration.ofSeconds(1))
            .readTimeout(Duration.ofSeconds(10))
            .build();

    // The KDC process is the JVM itself (no wrapper), so SIGKILL hits the KDC.
    assertThat(server.info().command().orElse("")).endsWith("java");
    Burst beforeKill = new Burst(client, alice, bob, Integer.MAX_VALUE).start();
    long started = System.nanoTime();
    while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1)
        && beforeKill.received.size() < KILL_AFTER_KEYS) {
      Thread.sleep(10);
    }
    int receivedAtKill = beforeKill.received.size();
    server.destroyForcibly();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    Thread.sleep(200);
    beforeKill.stop.set(true);
    beforeKill.join();
    assertThat(beforeKill.received).as("keys issued before the kill").isNotEmpty();
    assertThat(beforeKill.failures).as("requests that met the dead KDC").hasPositiveValue();

    serve();
    Burst afterRestart = new Burst(client, alice, bob, REQUESTS_AFTER_RESTART).start();
    Thread.sleep(1000);
    afterRestart.stop.set(true);
    afterRestart.join();
    assertThat(afterRestart.received).as("keys issued after the restart").isNotEmpty();
    assertThat(afterRestart.failures).as("failures after the restart").hasValue(0);

    System.out.printf(
        "KdcCrashIT: %d keys before the kill (%d when it was sent), %d failed requests while the"
            + " KDC was down, %d keys after the restart%n",
        beforeKill.received.size(),
        receivedAtKill,
        beforeKill.failures.get(),
        afterRestart.received.size());
    List<Received> all = new ArrayList<>(beforeKill.received);
    all.addAll(afterRestart.received);
    assertThat(all.stream().map(Received::keyId)).as("key ids handed out").doesNotHaveDuplicates();
    assertThat(all.stream().map(Received::sessionKeyHex))
        .as("session keys handed out")
        .doesNotHaveDuplicates();

    Result audit = run(kdcHome, "", "admin", "audit", "--json", "--limit", "10000");
    assertThat(audit.status()).as(audit.err()).isZero();
    Set<String> issued = new HashSet<>();
    for (JsonNode entry : JSON.readTree(audit.out()).get("entries")) {
      if (entry.get("type").asText().equals("issuance")) {
        assertThat(issued.add(entry.get("key_id").asText()))
            .as("issuance of %s recorded once", entry.get("key_id").asText())
            .isTrue();
      }
    }
    assertThat(issued)
        .as("every key a client received before the kill is a recorded issuance")
        .containsAll(beforeKill.received.stream().map(Received::keyId).toList());
    assertThat(issued).containsAll(afterRestart.received.stream().map(Received::keyId).toList());

    Result verify = run(kdcHome, "", "admin", "audit", "--verify");
    assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("audit chain holds");
  }
}
