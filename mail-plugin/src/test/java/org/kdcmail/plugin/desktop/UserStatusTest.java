package org.kdcmail.plugin.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserStatusTest {

  @Test
  void timeLeftText_roundsToTheLargestTwoUnits() {
    assertThat(UserStatus.unlocked("a@x", Duration.ofSeconds(45)).timeLeftText()).isEqualTo("45 s");
    assertThat(UserStatus.unlocked("a@x", Duration.ofSeconds(270)).timeLeftText())
        .isEqualTo("4 min 30 s");
    assertThat(UserStatus.unlocked("a@x", Duration.ofMinutes(65)).timeLeftText())
        .isEqualTo("1 h 05 min");
  }

  @Test
  void timeLeftText_lockedOrPerMessage_saysSo() {
    assertThat(UserStatus.locked("a@x").timeLeftText()).isEqualTo("-");
    assertThat(new UserStatus("a@x", true, Optional.empty()).timeLeftText())
        .isEqualTo("for the next message");
  }

  @Test
  void new_lockedWithTimeLeft_isRefused() {
    assertThatThrownBy(() -> new UserStatus("a@x", false, Optional.of(Duration.ofSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
