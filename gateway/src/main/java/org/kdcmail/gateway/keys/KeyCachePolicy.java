package org.kdcmail.gateway.keys;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an unlocked master key stays in the gateway's memory.
 *
 * @param idleTimeout with {@code perMessage} false: the key is dropped (zeroized) after this long
 *     without use
 * @param perMessage the seed's behaviour: the key serves one message and is then dropped
 */
public record KeyCachePolicy(Duration idleTimeout, boolean perMessage) {

  /** The default: 15 minutes idle. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);

  public KeyCachePolicy {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("the key idle timeout must be positive");
    }
  }

  /** Keys dropped after {@code timeout} without use. */
  public static KeyCachePolicy idle(Duration timeout) {
    return new KeyCachePolicy(timeout, false);
  }

  /** Keys used for one message, then dropped. */
  public static KeyCachePolicy oneMessage() {
    return new KeyCachePolicy(DEFAULT_IDLE_TIMEOUT, true);
  }

  /** Idle timeout of 15 minutes. */
  public static KeyCachePolicy defaults() {
    return idle(DEFAULT_IDLE_TIMEOUT);
  }
}
