package org.kdcmail.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.kdcmail.gateway.keys.KeyCachePolicy;

/** How the unlock, lock and status commands put key-cache times into words. */
final class KeyCacheWords {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private final ZoneId zone;

  KeyCacheWords(ZoneId zone) {
    this.zone = zone;
  }

  /** "15 min idle timeout" or "kept for one message". */
  String policy(KeyCachePolicy policy) {
    return policy.perMessage()
        ? "kept for one message"
        : span(policy.idleTimeout()) + " idle timeout";
  }

  /** The wall-clock time, e.g. "14:05". */
  String clock(Instant instant) {
    return CLOCK.format(instant.atZone(zone));
  }

  /** "15 min", "2 h 5 min" or "40 s". */
  static String span(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = d.toMinutes();
    if (minutes < 60) {
      return minutes + " min";
    }
    return d.toHours() + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
  }
}
