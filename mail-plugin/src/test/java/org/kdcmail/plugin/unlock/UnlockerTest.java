package org.kdcmail.plugin.unlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.protocol.masterkey.MasterKeyDerivation;
import org.kdcmail.kdc.protocol.masterkey.UserPointDerivation;
import org.kdcmail.plugin.enroll.TestStores;
import org.kdcmail.plugin.store.StoreContents;
import org.kdcmail.plugin.store.WrongLoginPasswordException;

class UnlockerTest {

  private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);
  private static final String USER = "carol@corp.example";

  @TempDir Path dir;
  private Path store;
  private MasterKey expected;
  private final List<Duration> sleeps = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** A store as enrollment would write it, for MK-ID "id-1" and MK password "pw-1". */
  @BeforeEach
  void writeStore() {
    SecureRandom random = new SecureRandom();
    List<FieldPoint> points = new ArrayList<>();
    points.add(
        new UserPointDerivation(CHEAP).derive(USER, "id-1".toCharArray(), "pw-1".toCharArray()));
    for (int i = 0; i < 4; i++) {
      points.add(new FieldPoint(element(random), element(random)));
    }
    expected = new MasterKeyDerivation().deriveMasterKey(USER, points);
    store = dir.resolve("client.store");
    StoreContents contents =
        new StoreContents(
            USER,
            "127.0.0.1:7750",
            "00",
            points.subList(1, 5),
            new MasterKeyDerivation().verifierOf(expected),
            Instant.now());
    TestStores.write(store, "login".toCharArray(), contents);
  }

  private Unlocker unlocker() {
    return new Unlocker(CHEAP, clock, sleeps::add);
  }

  private MasterKey unlock(String login, String id, String pw) throws Exception {
    return unlocker().unlock(store, login.toCharArray(), id.toCharArray(), pw.toCharArray());
  }

  @Test
  void unlock_rightInput_givesTheMasterKeyWithoutWaiting() throws Exception {
    assertThat(unlock("login", "id-1", "pw-1")).isEqualTo(expected);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void unlock_wrongPassword_saysMasterKeyIdOrPasswordIsWrong() {
    assertThatThrownBy(() -> unlock("login", "id-1", "pw-2"))
        .isInstanceOf(WrongMasterKeyException.class)
        .hasMessage("master key ID or password is wrong");
  }

  @Test
  void unlock_wrongId_saysTheSame() {
    assertThatThrownBy(() -> unlock("login", "id-2", "pw-1"))
        .isInstanceOf(WrongMasterKeyException.class)
        .hasMessage("master key ID or password is wrong");
  }

  @Test
  void unlock_repeatedFailures_waitLongerEachTime_thenSuccessResets() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> unlock("login", "id-1", "nope"))
          .isInstanceOf(WrongMasterKeyException.class);
    }
    assertThat(sleeps)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

    assertThat(unlock("login", "id-1", "pw-1")).isEqualTo(expected);
    assertThat(unlocker().throttleFor(store).failures()).isZero();
  }

  @Test
  void unlock_wrongLoginPassword_isCountedAsAFailure() {
    assertThatThrownBy(() -> unlock("other", "id-1", "pw-1"))
        .isInstanceOf(WrongLoginPasswordException.class);
    assertThat(unlocker().throttleFor(store).failures()).isEqualTo(1);
  }

  @Test
  void unlock_emptyMasterKeyId_isWrongInputNotACrash() {
    assertThatThrownBy(() -> unlock("login", "", "pw-1"))
        .isInstanceOf(WrongMasterKeyException.class);
  }

  private static FieldElement element(SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return FieldElement.reduce(b);
  }
}
