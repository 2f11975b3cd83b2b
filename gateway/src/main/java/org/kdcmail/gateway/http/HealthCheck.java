package org.kdcmail.gateway.http;

import java.time.Duration;
import java.util.Objects;

/**
 * One thing {@code GET /health} reports on, e.g. "the upstream SMTP server accepts connections".
 * {@link #check()} must answer within its own bound (a connect timeout) and never throw.
 */
public interface HealthCheck {

  /** A short name for the report, e.g. {@code upstream-smtp}. */
  String name();

  /** Whether the thing is usable right now. */
  Result check();

  /**
   * The outcome of one check.
   *
   * @param up whether the thing is usable
   * @param detail why not, for the operator; empty when up. Never a secret.
   */
  record Result(boolean up, String detail) {
    public Result {
      Objects.requireNonNull(detail, "detail");
    }

    /** Usable. */
    public static Result ok() {
      return new Result(true, "");
    }

    /** Not usable, because of {@code detail}. */
    public static Result down(String detail) {
      return new Result(false, detail);
    }
  }

  /** Up when a TCP connection to {@code host:port} opens within {@code timeout}. */
  static HealthCheck reachable(String name, String host, int port, Duration timeout) {
    return new TcpHealthCheck(name, host, port, timeout);
  }
}
