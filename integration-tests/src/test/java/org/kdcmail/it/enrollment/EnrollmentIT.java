package org.kdcmail.it.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.it.SecretScan;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.KekFile;
import org.kdcmail.kdc.server.store.KdcStore;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentFailedException;
import org.kdcmail.plugin.enroll.EnrollmentRequest;
import org.kdcmail.plugin.enroll.KdcAddress;
import org.kdcmail.plugin.unlock.Unlocker;
import org.kdcmail.plugin.unlock.WrongMasterKeyException;

/**
 * Enrollment end to end in one JVM, over a real loopback socket to a real KDC with Derby on disk:
 * both sides end up with the same master key — shown by comparing MACs, never by exporting keys —
 * also after both restart; refused codes and invitations; no secret left in clear in any file.
 */
class EnrollmentIT {
  private static final Argon2Parameters CHEAP = KdcFixture.CHEAP;
  private static final String USER = "dave@example.test";
  private static final String LOGIN = "dave login password";
  private static final String MK_ID = "dave-mk-id-51";
  private static final String MK_PASS = "dave mk password";

  @TempDir Path tmp;
  private KdcFixture fixture;
  private KdcServer kdc;
  private Path store;

  @BeforeEach
  void startKdc() throws Exception {
    fixture = new KdcFixture(tmp);
    kdc = fixture.server();
    store = tmp.resolve("client/users/dave/client.store");
  }

  @AfterEach
  void stopKdc() {
    fixture.close();
  }

  @Test
  void enroll_thenUnlockAfterRestart_bothSidesHoldTheSameKeyAndNoSecretIsInAFile()
      throws Exception {
    enroll(admin("invite", USER).get("code").asText());
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);

    // Both sides restart: the KDC reopens its store with the passphrase, the client unlocks anew.
    fixture.stop();
    fixture.start();
    kdc = fixture.server();
    assertThat(admin("invite", "erin@example.test").get("user").asText())
        .isEqualTo("erin@example.test");
    fixture.stop();
    byte[] kdcMac;
    KdcKek kek = KekFile.builder(fixture.paths().kekFile()).build().unlock(KdcFixture.passphrase());
    try (KdcStore kdcStore = KdcStore.open(fixture.paths().store(), kek)) {
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
    SecretScan scan = SecretScan.of(tmp);
    assertThat(scan.filesContaining(keyBytes)).as("files holding the master key").isEmpty();
    for (String secret : List.of(LOGIN, MK_ID, MK_PASS, new String(KdcFixture.passphrase()))) {
      assertThat(scan.filesContaining(secret)).as("files holding '%s'", secret).isEmpty();
    }
  }

  @Test
  void unlock_wrongMasterKeyId_clearErrorAndNoKey() throws Exception {
    enroll(admin("invite", USER).get("code").asText());
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
    String code = admin("invite", USER).get("code").asText();
    String wrong = code.startsWith("A") ? "B" + code.substring(1) : "A" + code.substring(1);
    for (int attempt = 1; attempt <= 5; attempt++) {
      String expected = attempt < 5 ? "the enrollment code is wrong" : "the invitation is locked";
      assertThatThrownBy(() -> enroll(wrong))
          .as("attempt %d", attempt)
          .isInstanceOf(EnrollmentFailedException.class)
          .hasMessageContaining(expected);
    }
    assertThatThrownBy(() -> enroll(code))
        .isInstanceOf(EnrollmentFailedException.class)
        .hasMessageContaining("the invitation is locked");
    assertThat(store).doesNotExist();
  }

  @Test
  void enroll_expiredInvitation_isRefused() throws Exception {
    String code = admin("invite", USER, "PT1S").get("code").asText();
    Thread.sleep(1_500);
    assertThatThrownBy(() -> enroll(code))
        .isInstanceOf(EnrollmentFailedException.class)
        .hasMessageContaining("the invitation has expired");
    assertThat(store).doesNotExist();
  }

  @Test
  void metricsAndHealth_afterAnEnrollment_reportRequestsKeyBankAndEntropy() throws Exception {
    enroll(admin("invite", USER).get("code").asText());
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + kdc.metricsPort();

    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains(
            "kdcmail_kdc_requests_seconds_count{outcome=\"ok\",type=\"enroll_client_confirm\"")
        .contains("kdcmail_keybank_keys_available")
        .contains("kdcmail_keybank_keys_reserved ")
        .contains("kdcmail_keybank_keys_loaded_total")
        .contains("kdcmail_qrng_health_state");

    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/health")).build(), BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("not quantum");
  }

  private void enroll(String code) throws Exception {
    new Enrollment(
            new ClientKdfSettings(
                CHEAP, CHEAP, new SecureRandom(), Duration.ofSeconds(5), Duration.ofSeconds(30)))
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

  private JsonNode admin(String command, String... args) throws Exception {
    return fixture.admin(command, args);
  }

  private static byte[] mac(MasterKey key, byte[] challenge) throws Exception {
    byte[] bytes = key.copyBytes();
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(bytes, "HmacSHA256"));
      return hmac.doFinal(challenge);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
