package org.kdcmail.plugin.desktop;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One user's line in the status window.
 *
 * @param user the user's full address
 * @param unlocked whether the gateway holds the user's key
 * @param timeLeft until the key is dropped; empty when locked, or unlocked for one message only
 */
public record UserStatus(String user, boolean unlocked, Optional<Duration> timeLeft) {

  public UserStatus {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(timeLeft, "timeLeft");
    if (!unlocked && timeLeft.isPresent()) {
      throw new IllegalArgumentException("a locked key has no time left");
    }
    if (timeLeft.isPresent() && timeLeft.get().isNegative()) {
      throw new IllegalArgumentException("time left must not be negative");
    }
  }

  /** A locked user. */
  public static UserStatus locked(String user) {
    return new UserStatus(user, false, Optional.empty());
  }

  /** A user unlocked for {@code timeLeft} more. */
  public static UserStatus unlocked(String user, Duration timeLeft) {
    return new UserStatus(user, true, Optional.of(timeLeft));
  }

  /** "locked" or "unlocked". */
  public String stateText() {
    return unlocked ? "unlocked" : "locked";
  }

  /** E.g. "1 h 05 min", "4 min 30 s", "45 s"; "-" when locked; "for the next message" else. */
  public String timeLeftText() {
    if (!unlocked) {
      return "-";
    }
    if (timeLeft.isEmpty()) {
      return "for the next message";
    }
    long seconds = timeLeft.get().toSeconds();
    if (seconds >= 3600) {
      return String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
    if (seconds >= 60) {
      return String.format("%d min %02d s", seconds / 60, seconds % 60);
    }
    return seconds + " s";
  }
}
