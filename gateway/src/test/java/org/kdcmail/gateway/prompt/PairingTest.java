package org.kdcmail.gateway.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairingTest {
  private static final String BOB = "bob@example.test";

  @TempDir Path home;
  private final SteppedClock clock = new SteppedClock();

  private Pairing pairing() {
    return new Pairing(home, new SecureRandom(), clock);
  }

  @Test
  void redeem_goodCode_tokenNamesTheUser_fileHoldsOnlyItsHash() throws Exception {
    Pairing p = pairing();
    PairingCode code = p.newCode(BOB);

    Pairing.Paired paired = p.redeem(code.code()).orElseThrow();

    assertThat(paired.user()).isEqualTo(BOB);
    assertThat(p.userOf(paired.token())).contains(BOB);
    String file = Files.readString(Pairing.file(home));
    assertThat(file).contains(BOB).doesNotContain(paired.token().hex());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Pairing.file(home))))
        .isEqualTo("rw-------");
  }

  @Test
  void redeem_sameCodeTwice_secondRefused() throws Exception {
    Pairing p = pairing();
    PairingCode code = p.newCode(BOB);
    assertThat(p.redeem(code.code())).isPresent();
    assertThat(p.redeem(code.code())).isEmpty();
  }

  @Test
  void redeem_afterTenMinutes_refused() throws Exception {
    Pairing p = pairing();
    PairingCode code = p.newCode(BOB);
    clock.advance(Pairing.CODE_LIFETIME);
    assertThat(p.redeem(code.code())).isEmpty();
  }

  @Test
  void redeem_justBeforeExpiry_accepted() throws Exception {
    Pairing p = pairing();
    PairingCode code = p.newCode(BOB);
    clock.advance(Pairing.CODE_LIFETIME.minus(Duration.ofSeconds(1)));
    assertThat(p.redeem(code.code())).isPresent();
  }

  @Test
  void redeem_fiveWrongInARow_voidsOutstandingCodes() throws Exception {
    Pairing p = pairing();
    PairingCode code = p.newCode(BOB);
    String wrong = code.code().equals("00000000") ? "11111111" : "00000000";
    for (int i = 0; i < Pairing.MAX_WRONG_IN_A_ROW; i++) {
      assertThat(p.redeem(wrong)).isEmpty();
    }
    assertThat(p.redeem(code.code())).isEmpty();
  }

  @Test
  void redeem_fourWrongThenRight_accepted() throws Exception {
    Pairing p = pairing();
    PairingCode code = p.newCode(BOB);
    String wrong = code.code().equals("00000000") ? "11111111" : "00000000";
    for (int i = 0; i < Pairing.MAX_WRONG_IN_A_ROW - 1; i++) {
      p.redeem(wrong);
    }
    assertThat(p.redeem(code.code())).isPresent();
  }

  @Test
  void unpair_revokesTheUsersTokens_keepsOthers() throws Exception {
    Pairing p = pairing();
    Pairing.Paired bob = p.redeem(p.newCode(BOB).code()).orElseThrow();
    Pairing.Paired alice = p.redeem(p.newCode("alice@example.test").code()).orElseThrow();

    assertThat(p.unpair(BOB)).isEqualTo(1);

    assertThat(p.userOf(bob.token())).isEqualTo(Optional.empty());
    assertThat(p.userOf(alice.token())).contains("alice@example.test");
  }
}
