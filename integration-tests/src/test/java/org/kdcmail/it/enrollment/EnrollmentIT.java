package org.kdcmail.it.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
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
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.KekFile;
import org.kdcmail.kdc.server.store.KdcStore;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentFailedException;
import org.kdcmail.plugin.enroll.EnrollmentRequest;
import org.kdcmail.plugin.enroll.EnrollmentResult;
import org.kdcmail.plugin.enroll.KdcAddress;
import org.kdcmail.plugin.unlock.Unlocker;
import org.kdcmail.plugin.unlock.WrongMasterKeyException;

/**
 * Enrollment end to end in one JVM, over a real loopback socket to a real KDC with Derby on disk:
 * both sides end up with the same master key — shown by comparing MACs, never by exporting keys —
 * also after both restart, and no secret is left in clear in any file.
 */
class EnrollmentIT {
  private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);
  private static final String USER = "dave@example.test";
  private static final char[] PASSPHRASE = "kdc admin passphrase".toCharArray();
  private static final String LOGIN = "dave login password";
  private static final String MK_ID = "dave-mk-id-51";
  private static final String MK_PASS = "dave mk password";

  @TempDir Path tmp;

  @Test
  void enroll_thenUnlockAfterRestart_bothSidesHoldTheSameKeyAndNoSecretIsInAFile()
      throws Exception {
    KdcPaths paths = new KdcPaths(tmp.resolve("kdc"));
    KdcSettings settings = KdcSettings.defaults("it-node").withPort(0);
    new KdcInitializer(paths, settings, CHEAP).initialize(PASSPHRASE.clone());
    Path store = tmp.resolve("client/users/dave/client.store");
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);

    try (KdcServer kdc =
        KdcServer.start(paths, settings, PASSPHRASE.clone(), new SimpleMeterRegistry())) {
      String code = invite(paths, kdc.port(), USER).get("code").asText();
      EnrollmentResult result =
          new Enrollment(clientSettings())
              .enroll(
                  new EnrollmentRequest(
                      new KdcAddress("127.0.0.1", kdc.port()),
                      kdc.fingerprint(),
                      USER,
                      LOGIN.toCharArray(),
                      MK_ID.toCharArray(),
                      MK_PASS.toCharArray(),
                      EnrollmentCode.parse(code),
                      store,
                      false));
      assertThat(result.storePath()).isEqualTo(store);
    }

    // Both sides restart: the KDC reopens its store with the passphrase, the client unlocks anew.
    byte[] kdcMac;
    try (KdcServer restarted =
        KdcServer.start(paths, settings, PASSPHRASE.clone(), new SimpleMeterRegistry())) {
      assertThat(invite(paths, restarted.port(), "erin@example.test").get("user").asText())
          .isEqualTo("erin@example.test");
    }
    KdcKek kek = KekFile.builder(paths.kekFile()).build().unlock(PASSPHRASE.clone());
    try (KdcStore kdcStore = KdcStore.open(paths.store(), kek)) {
      MasterKey kdcKey = kdcStore.loadMasterKey(USER);
      kdcMac = mac(kdcKey, challenge);
      kdcKey.destroy();
    } finally {
      kek.destroy();
    }
    MasterKey clientKey =
        new Unlocker(CHEAP)
            .unlock(store, LOGIN.toCharArray(), MK_ID.toCharArray(), MK_PASS.toCharArray());
    assertThat(MessageDigest.isEqual(mac(clientKey, challenge), kdcMac))
        .as("the client's and the KDC's MACs over one challenge agree")
        .isTrue();

    byte[] keyBytes = clientKey.copyBytes();
    clientKey.destroy();
    assertThat(filesContaining(tmp, keyBytes)).as("files holding the master key").isEmpty();
    for (String secret : List.of(LOGIN, MK_ID, MK_PASS, new String(PASSPHRASE))) {
      assertThat(filesContaining(tmp, secret.getBytes(StandardCharsets.UTF_8)))
          .as("files holding '%s'", secret)
          .isEmpty();
    }
  }

  @Test
  void unlock_wrongMasterKeyPassword_clearErrorAndNoKey() throws Exception {
    KdcPaths paths = new KdcPaths(tmp.resolve("kdc"));
    KdcSettings settings = KdcSettings.defaults("it-node").withPort(0);
    new KdcInitializer(paths, settings, CHEAP).initialize(PASSPHRASE.clone());
    Path store = tmp.resolve("client/users/dave/client.store");
    try (KdcServer kdc =
        KdcServer.start(paths, settings, PASSPHRASE.clone(), new SimpleMeterRegistry())) {
      String code = invite(paths, kdc.port(), USER).get("code").asText();
      new Enrollment(clientSettings())
          .enroll(
              new EnrollmentRequest(
                  new KdcAddress("127.0.0.1", kdc.port()),
                  kdc.fingerprint(),
                  USER,
                  LOGIN.toCharArray(),
                  MK_ID.toCharArray(),
                  MK_PASS.toCharArray(),
                  EnrollmentCode.parse(code),
                  store,
                  false));
    }
    assertThatThrownBy(
            () ->
                new Unlocker(CHEAP)
                    .unlock(
                        store,
                        LOGIN.toCharArray(),
                        "other-id".toCharArray(),
                        MK_PASS.toCharArray()))
        .isInstanceOf(WrongMasterKeyException.class)
        .hasMessage("master key ID or password is wrong");
  }

  @Test
  void enroll_wrongCodes_fifthLocksTheInvitationEvenForTheRightCode() throws Exception {
    KdcPaths paths = new KdcPaths(tmp.resolve("kdc"));
    KdcSettings settings = KdcSettings.defaults("it-node").withPort(0);
    new KdcInitializer(paths, settings, CHEAP).initialize(PASSPHRASE.clone());
    Path store = tmp.resolve("client/users/dave/client.store");
    try (KdcServer kdc =
        KdcServer.start(paths, settings, PASSPHRASE.clone(), new SimpleMeterRegistry())) {
      String code = invite(paths, kdc.port(), USER).get("code").asText();
      String wrong = code.startsWith("A") ? "B" + code.substring(1) : "A" + code.substring(1);
      for (int attempt = 1; attempt <= 5; attempt++) {
        String expected = attempt < 5 ? "the enrollment code is wrong" : "the invitation is locked";
        assertThatThrownBy(() -> enroll(kdc, wrong, store))
            .as("attempt %d", attempt)
            .isInstanceOf(EnrollmentFailedException.class)
            .hasMessageContaining(expected);
      }
      assertThatThrownBy(() -> enroll(kdc, code, store))
          .isInstanceOf(EnrollmentFailedException.class)
          .hasMessageContaining("the invitation is locked");
      assertThat(store).doesNotExist();
    }
  }

  private static void enroll(KdcServer kdc, String code, Path store) throws Exception {
    new Enrollment(clientSettings())
        .enroll(
            new EnrollmentRequest(
                new KdcAddress("127.0.0.1", kdc.port()),
                kdc.fingerprint(),
                USER,
                LOGIN.toCharArray(),
                MK_ID.toCharArray(),
                MK_PASS.toCharArray(),
                EnrollmentCode.parse(code),
                store,
                false));
  }

  @Test
  void enroll_expiredInvitation_isRefused() throws Exception {
    KdcPaths paths = new KdcPaths(tmp.resolve("kdc"));
    KdcSettings settings = KdcSettings.defaults("it-node").withPort(0);
    new KdcInitializer(paths, settings, CHEAP).initialize(PASSPHRASE.clone());
    Path store = tmp.resolve("client/users/dave/client.store");
    try (KdcServer kdc =
        KdcServer.start(paths, settings, PASSPHRASE.clone(), new SimpleMeterRegistry())) {
      String code = admin(paths, kdc.port(), "invite", USER, "PT1S").get("code").asText();
      Thread.sleep(1_500);
      assertThatThrownBy(() -> enroll(kdc, code, store))
          .isInstanceOf(EnrollmentFailedException.class)
          .hasMessageContaining("the invitation has expired");
      assertThat(store).doesNotExist();
    }
  }

  private static ClientKdfSettings clientSettings() {
    return new ClientKdfSettings(
        CHEAP, CHEAP, new SecureRandom(), Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  private static JsonNode invite(KdcPaths paths, int port, String user) throws Exception {
    return admin(paths, port, "invite", user);
  }

  private static JsonNode admin(KdcPaths paths, int port, String command, String... args)
      throws Exception {
    AdminToken token = AdminToken.read(paths.root());
    try (KdcConnection connection =
        KdcConnection.connect(new InetSocketAddress("127.0.0.1", port))) {
      AdminResponse response =
          AdminResponse.decode(
              connection
                  .exchange(new AdminRequest(token, command, List.of(args)).toFrame())
                  .payload());
      return new ObjectMapper().readTree(response.bodyText());
    }
  }

  private static byte[] mac(MasterKey key, byte[] challenge) throws Exception {
    byte[] bytes = key.copyBytes();
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(bytes, "HmacSHA256"));
      return hmac.doFinal(challenge);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  private static List<Path> filesContaining(Path root, byte[] needle) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(p -> contains(p, needle)).toList();
    }
  }

  private static boolean contains(Path file, byte[] needle) {
    try {
      byte[] haystack = Files.readAllBytes(file);
      outer:
      for (int i = 0; i + needle.length <= haystack.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
