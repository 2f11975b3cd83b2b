package org.kdcmail.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kdcmail.gateway.http.HttpFixture.ALICE;
import static org.kdcmail.gateway.http.HttpFixture.BOB;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.GatewayNotRunningException;
import org.kdcmail.gateway.control.ControlClient;
import org.kdcmail.gateway.control.ControlRefusedException;
import org.kdcmail.gateway.control.GatewayStatus;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockReceipt;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.keys.KeyLease;
import org.kdcmail.kdc.protocol.MasterKey;

/** {@link ControlClient} against a real {@link GatewayHttp}. */
class ControlClientTest {
  @TempDir Path home;
  private HttpFixture gateway;
  private ControlClient client;

  @BeforeEach
  void start() throws Exception {
    gateway = new HttpFixture(home);
    client = ControlClient.to(gateway.http.address(), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void unlockStatusLock_roundTrip() throws Exception {
    UnlockToken alice = TokenFile.forUser(home, ALICE).readOrCreate(new SecureRandom());
    UnlockToken control = TokenFile.control(home).read().orElseThrow();
    MasterKey key = HttpFixture.randomKey();

    UnlockReceipt receipt = client.unlock(ALICE, key, alice);
    assertThat(receipt.user()).isEqualTo(ALICE);
    assertThat(receipt.expiresAt()).isPresent();
    assertThat(receipt.policy()).isEqualTo(gateway.keys.policy());
    assertThat(key.isDestroyed()).as("the caller's key is the caller's").isFalse();
    try (KeyLease lease = gateway.keys.lease(ALICE)) {
      assertThat(lease.key().masterKey()).isEqualTo(key);
    }

    GatewayStatus status = client.status(control);
    assertThat(status.users())
        .singleElement()
        .satisfies(u -> assertThat(u.user()).isEqualTo(ALICE));
    assertThat(status.timeLeft(status.users().get(0)).orElseThrow())
        .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
    assertThat(status.tlsFingerprint()).isEqualTo(gateway.tls.fingerprint());

    assertThat(client.lock(ALICE, alice)).isTrue();
    assertThat(client.lock(ALICE, alice)).isFalse();
    assertThat(gateway.keys.isUnlocked(ALICE)).isFalse();
  }

  @Test
  void lockAll_withControlToken_countsTheKeys() throws Exception {
    gateway.keys.unlock(ALICE, HttpFixture.randomKey());
    gateway.keys.unlock(BOB, HttpFixture.randomKey());
    assertThat(client.lockAll(TokenFile.control(home).read().orElseThrow())).isEqualTo(2);
    assertThat(gateway.keys.unlocked()).isEmpty();
  }

  @Test
  void refusal_carriesTheGatewaysMessage() throws Exception {
    UnlockToken wrong = UnlockToken.generate(new SecureRandom());
    assertThatThrownBy(() -> client.unlock(ALICE, HttpFixture.randomKey(), wrong))
        .isInstanceOfSatisfying(
            ControlRefusedException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageStartingWith("the gateway refused: the token does not match");
  }

  @Test
  void nothingListening_saysNoGatewayAndHowToStartOne() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ControlClient none =
        ControlClient.to(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(2));
    assertThatThrownBy(none::ping).isInstanceOf(GatewayNotRunningException.class);
    client.ping();
    assertThatThrownBy(() -> none.status(UnlockToken.generate(new SecureRandom())))
        .isInstanceOf(GatewayNotRunningException.class)
        .hasMessageContaining("no gateway answers at http://127.0.0.1:" + port)
        .hasMessageContaining("kdcmail sandbox");
  }

  @Test
  void wildcardAddress_isReachedOnLoopback() {
    ControlClient c =
        ControlClient.to(new InetSocketAddress("0.0.0.0", 2180), Duration.ofSeconds(1));
    assertThat(c.base().toString()).isEqualTo("http://127.0.0.1:2180");
  }
}
