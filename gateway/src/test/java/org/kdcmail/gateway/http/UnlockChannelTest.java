package org.kdcmail.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.kdcmail.gateway.http.HttpFixture.ALICE;
import static org.kdcmail.gateway.http.HttpFixture.BOB;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockRequest;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.keys.KeyLease;
import org.kdcmail.kdc.protocol.MasterKey;

/** The unlock channel over a real socket: tokens, body checks, loopback only. */
class UnlockChannelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  private HttpFixture gateway;
  private UnlockToken aliceToken;
  private UnlockToken bobToken;

  @BeforeEach
  void start() throws Exception {
    gateway = new HttpFixture(home);
    aliceToken = TokenFile.forUser(home, ALICE).readOrCreate(new SecureRandom());
    bobToken = TokenFile.forUser(home, BOB).readOrCreate(new SecureRandom());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private static String bearer(UnlockToken t) {
    return "Bearer " + t.hex();
  }

  private UnlockToken controlToken() throws Exception {
    return TokenFile.control(home).read().orElseThrow();
  }

  private HttpResponse<String> unlock(String authorization, String user, MasterKey key)
      throws Exception {
    return gateway.post("/unlock", authorization, new UnlockRequest(user, key).encode());
  }

  private static String error(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("error").asText();
  }

  @Test
  void unlock_withTheUsersToken_putsTheKeyInTheCache() throws Exception {
    MasterKey key = HttpFixture.randomKey();
    HttpResponse<String> r = unlock(bearer(aliceToken), ALICE, key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode receipt = JSON.readTree(r.body());
    assertThat(receipt.path("user").asText()).isEqualTo(ALICE);
    assertThat(receipt.path("expiresAt").asText()).isNotEmpty();
    assertThat(receipt.path("policy").path("idleTimeoutSeconds").asLong()).isEqualTo(900);
    assertThat(gateway.keys.isUnlocked(ALICE)).isTrue();
    try (KeyLease lease = gateway.keys.lease(ALICE)) {
      assertThat(lease.key().masterKey()).isEqualTo(key);
    }
    assertThat(r.body()).doesNotContain(aliceToken.hex());
  }

  @Test
  void unlock_withoutToken_is401AndUnlocksNothing() throws Exception {
    HttpResponse<String> r = unlock(null, ALICE, HttpFixture.randomKey());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(error(r)).isEqualTo(UnlockChannel.NO_TOKEN);
    assertThat(gateway.keys.isUnlocked(ALICE)).isFalse();
  }

  @Test
  void unlock_withAnotherUsersToken_is401() throws Exception {
    HttpResponse<String> r = unlock(bearer(bobToken), ALICE, HttpFixture.randomKey());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(error(r)).contains("does not match the unlock.token of " + ALICE);
    assertThat(gateway.keys.isUnlocked(ALICE)).isFalse();
  }

  @Test
  void unlock_withAWrongToken_is401() throws Exception {
    UnlockToken wrong = UnlockToken.generate(new SecureRandom());
    assertThat(unlock(bearer(wrong), ALICE, HttpFixture.randomKey()).statusCode()).isEqualTo(401);
    assertThat(unlock("Bearer nothex", ALICE, HttpFixture.randomKey()).statusCode()).isEqualTo(401);
    assertThat(unlock("Basic " + aliceToken.hex(), ALICE, HttpFixture.randomKey()).statusCode())
        .isEqualTo(401);
    assertThat(gateway.keys.isUnlocked(ALICE)).isFalse();
  }

  @Test
  void unlock_withTheControlToken_is401() throws Exception {
    HttpResponse<String> r = unlock(bearer(controlToken()), ALICE, HttpFixture.randomKey());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(gateway.keys.isUnlocked(ALICE)).isFalse();
  }

  @Test
  void unlock_forAUserWithoutTokenFile_is401() throws Exception {
    String carol = "carol@example.test";
    HttpResponse<String> r = unlock(bearer(aliceToken), carol, HttpFixture.randomKey());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(gateway.keys.isUnlocked(carol)).isFalse();
  }

  @Test
  void unlock_tokenFileReadableByOthers_is401() throws Exception {
    Path file = TokenFile.forUser(home, ALICE).path();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(unlock(bearer(aliceToken), ALICE, HttpFixture.randomKey()).statusCode())
        .isEqualTo(401);
    assertThat(gateway.keys.isUnlocked(ALICE)).isFalse();
  }

  @Test
  void unlock_malformedBodies_are400() throws Exception {
    for (String body :
        List.of(
            "not json",
            "{}",
            "[]",
            "{\"user\":\"" + ALICE + "\"}",
            "{\"user\":\"" + ALICE + "\",\"masterKey\":\"AAAA\"}",
            "{\"user\":\"" + ALICE + "\",\"masterKey\":\"" + "A".repeat(43) + "=\",\"x\":\"y\"}",
            "{\"user\":\"../etc\",\"masterKey\":\"" + "A".repeat(43) + "=\"}")) {
      HttpResponse<String> r = gateway.post("/unlock", bearer(aliceToken), body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(error(r)).as(body).isNotBlank();
    }
    assertThat(gateway.keys.isUnlocked(ALICE)).isFalse();
  }

  @Test
  void unlock_bodyOver4KiB_is413() throws Exception {
    String big = "{\"user\":\"" + "a".repeat(5000) + "\"}";
    HttpResponse<String> r = gateway.post("/unlock", bearer(aliceToken), big);
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void unlock_withGet_is405() throws Exception {
    HttpResponse<String> r = gateway.get("/unlock", bearer(aliceToken));
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void status_withTheControlToken_listsUnlockedUsers() throws Exception {
    unlock(bearer(aliceToken), ALICE, HttpFixture.randomKey());
    HttpResponse<String> r = gateway.get("/status", bearer(controlToken()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode status = JSON.readTree(r.body());
    assertThat(status.path("users")).hasSize(1);
    JsonNode alice = status.path("users").get(0);
    assertThat(alice.path("user").asText()).isEqualTo(ALICE);
    assertThat(alice.path("unlockedAt").asText()).isNotEmpty();
    assertThat(alice.path("expiresAt").asText()).isNotEmpty();
    assertThat(alice.path("secondsLeft").asLong()).isBetween(800L, 900L);
    assertThat(status.path("policy").path("perMessage").asBoolean()).isFalse();
    assertThat(status.path("policy").path("idleTimeoutSeconds").asLong()).isEqualTo(900);
    assertThat(status.path("localDomains").get(0).asText()).isEqualTo("example.test");
    assertThat(status.path("loopbackOnly").asBoolean()).isTrue();
    assertThat(status.path("tlsFingerprint").asText()).isEqualTo(gateway.tls.fingerprint());
  }

  @Test
  void status_withAUserTokenOrNone_is401() throws Exception {
    assertThat(gateway.get("/status", bearer(aliceToken)).statusCode()).isEqualTo(401);
    assertThat(gateway.get("/status", null).statusCode()).isEqualTo(401);
  }

  @Test
  void lock_withTheUsersToken_locksThatUserOnly() throws Exception {
    unlock(bearer(aliceToken), ALICE, HttpFixture.randomKey());
    unlock(bearer(bobToken), BOB, HttpFixture.randomKey());
    assertThat(gateway.post("/lock", bearer(bobToken), "{\"user\":\"" + ALICE + "\"}").statusCode())
        .isEqualTo(401);
    HttpResponse<String> r =
        gateway.post("/lock", bearer(aliceToken), "{\"user\":\"" + ALICE + "\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("locked").asInt()).isEqualTo(1);
    assertThat(gateway.keys.isUnlocked(ALICE)).isFalse();
    assertThat(gateway.keys.isUnlocked(BOB)).isTrue();
  }

  @Test
  void lockAll_needsTheControlToken() throws Exception {
    unlock(bearer(aliceToken), ALICE, HttpFixture.randomKey());
    unlock(bearer(bobToken), BOB, HttpFixture.randomKey());
    assertThat(gateway.post("/lock", bearer(aliceToken), "{\"all\":true}").statusCode())
        .isEqualTo(401);
    assertThat(gateway.keys.isUnlocked(ALICE)).isTrue();
    HttpResponse<String> r = gateway.post("/lock", bearer(controlToken()), "{\"all\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("locked").asInt()).isEqualTo(2);
    assertThat(gateway.keys.unlocked()).isEmpty();
  }

  @Test
  void controlToken_isFreshAtEveryStartAndOwnerOnly() throws Exception {
    UnlockToken first = controlToken();
    assertThat(Files.getPosixFilePermissions(TokenFile.control(home).path()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (HttpFixture second = new HttpFixture(home)) {
      assertThat(controlToken().matches(first)).isFalse();
    }
  }

  @Test
  void loopbackOnly_allowsLoopbackCallersOnly() throws Exception {
    assertThat(LoopbackOnly.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(LoopbackOnly.allows(InetAddress.getByName("127.8.9.10"))).isTrue();
    assertThat(LoopbackOnly.allows(InetAddress.getByName("::1"))).isTrue();
    assertThat(LoopbackOnly.allows(InetAddress.getByName("::ffff:127.0.0.1"))).isTrue();
    assertThat(LoopbackOnly.allows(InetAddress.getByName("192.0.2.7"))).isFalse();
    assertThat(LoopbackOnly.allows(InetAddress.getByName("::ffff:192.0.2.7"))).isFalse();
    assertThat(LoopbackOnly.allows(InetAddress.getByName("0.0.0.0"))).isFalse();
    assertThat(LoopbackOnly.allows(null)).isFalse();
  }

  @Test
  void callerNotOnLoopback_is403EvenWithTheRightToken() throws Exception {
    Optional<InetAddress> external = HttpFixture.nonLoopbackAddress();
    assumeThat(external).as("a non-loopback address on this machine").isPresent();
    Path otherHome = home.resolve("external");
    try (HttpFixture exposed =
        new HttpFixture(
            otherHome, HttpFixture.settings(otherHome).bind(external.get()), List.of())) {
      UnlockToken token = TokenFile.forUser(otherHome, ALICE).readOrCreate(new SecureRandom());
      HttpResponse<String> r =
          exposed.post(
              "/unlock", bearer(token), new UnlockRequest(ALICE, HttpFixture.randomKey()).encode());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(error(r)).isEqualTo(LoopbackOnly.REFUSAL);
      assertThat(exposed.keys.isUnlocked(ALICE)).isFalse();
      UnlockToken control = TokenFile.control(otherHome).read().orElseThrow();
      assertThat(exposed.get("/status", bearer(control)).statusCode()).isEqualTo(403);
      assertThat(exposed.post("/lock", bearer(control), "{\"all\":true}").statusCode())
          .isEqualTo(403);
      assertThat(exposed.get("/health", null).statusCode()).isEqualTo(200);
    }
  }
}
