package org.kdcmail.kdc.protocol.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;

/**
 * The KDC's clock-skew check (attack A4): a timestamp further than {@code window} from the KDC's
 * clock, in either direction, is refused with {@link SessionError#CLOCK_SKEW} and the message
 * {@code "clock skew 412 s exceeds 300 s"} (whole seconds, rounded down). Exactly the window is
 * accepted.
 */
public record ClockSkew(Duration window) {

  /** The default window, 300 s. */
  public static final ClockSkew DEFAULT = new ClockSkew(SessionProtocol.DEFAULT_SKEW);

  public ClockSkew {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the skew window must be positive");
    }
  }

  /** Empty if {@code claimed} is within the window of {@code now}, else the error frame to send. */
  public Optional<ErrorFrame> check(Instant claimed, Instant now) {
    Duration skew = Duration.between(claimed, now).abs();
    if (skew.compareTo(window) <= 0) {
      return Optional.empty();
    }
    String message = "clock skew " + skew.getSeconds() + " s exceeds " + window.getSeconds() + " s";
    return Optional.of(SessionErrorCodes.frame(SessionError.CLOCK_SKEW, message));
  }
}
