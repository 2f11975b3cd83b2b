package org.kdcmail.gateway.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginPasswordsTest {
  private static final String ALICE = "alice@example.test";

  private final SteppedClock clock = new SteppedClock();
  private final LoginPasswords passwords = new LoginPasswords(Duration.ofMinutes(15), clock);

  @Test
  void copy_rememberedPassword_isACopy_caseInsensitiveUser() {
    char[] given = "alice".toCharArray();
    passwords.remember(ALICE, given);
    java.util.Arrays.fill(given, 'x');

    assertThat(passwords.copy("Alice@Example.test"))
        .hasValueSatisfying(c -> assertThat(new String(c)).isEqualTo("alice"));
  }

  @Test
  void copy_afterTheTimeout_empty() {
    passwords.remember(ALICE, "alice");
    clock.advance(Duration.ofMinutes(15));
    assertThat(passwords.copy(ALICE)).isEmpty();
    assertThat(passwords.knows(ALICE)).isFalse();
  }

  @Test
  void forget_and_close_wipe() {
    passwords.remember(ALICE, "alice");
    passwords.forget(ALICE);
    assertThat(passwords.knows(ALICE)).isFalse();
    passwords.remember(ALICE, "alice");
    passwords.close();
    assertThat(passwords.knows(ALICE)).isFalse();
    assertThat(passwords.toString()).doesNotContain("alice");
  }
}
