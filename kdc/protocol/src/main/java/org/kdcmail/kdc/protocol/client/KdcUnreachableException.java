package org.kdcmail.kdc.protocol.client;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * No KDC answered: every address was tried, in order, and each failed at the transport level
 * (connection refused, no connection or no answer within the timeout, connection lost, malformed
 * frame). The message names every address and why, e.g. {@code KDC unreachable at 127.0.0.1:7750:
 * connection refused} for one address, or {@code KDC unreachable (2 addresses tried):
 * 10.0.0.1:7750: connection refused; 10.0.0.2:7750: no answer within 30 s}.
 */
public final class KdcUnreachableException extends IOException {

  /** One failed address and the reason, for messages and for tests. */
  public record Attempt(String endpoint, String reason) {
    public Attempt {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return endpoint + ": " + reason;
    }
  }

  private final List<Attempt> attempts;

  KdcUnreachableException(List<Attempt> attempts, Throwable lastCause) {
    super(message(attempts), lastCause);
    this.attempts = List.copyOf(attempts);
  }

  /** Every address tried, in order, with why it failed. */
  public List<Attempt> attempts() {
    return attempts;
  }

  private static String message(List<Attempt> attempts) {
    if (attempts.size() == 1) {
      return "KDC unreachable at " + attempts.get(0);
    }
    return "KDC unreachable ("
        + attempts.size()
        + " addresses tried): "
        + attempts.stream().map(Attempt::toString).collect(Collectors.joining("; "));
  }
}
