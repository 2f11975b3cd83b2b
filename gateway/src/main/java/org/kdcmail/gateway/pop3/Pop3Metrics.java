package org.kdcmail.gateway.pop3;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The POP3 front's meters: {@code kdcmail.pop3.logins{result}}, {@code
 * kdcmail.pop3.retrievals{status}} (RETR and TOP answered, by what the gateway did with the
 * message) and {@code kdcmail.pop3.processing{status}} (time to fetch, decrypt and prepare one
 * message).
 */
final class Pop3Metrics {
  /** How a PASS ended. */
  enum Login {
    OK,
    BAD_CREDENTIALS,
    KEY_LOCKED,
    UPSTREAM_UNAVAILABLE
  }

  private final MeterRegistry registry;

  Pop3Metrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  void login(Login result) {
    Counter.builder("kdcmail.pop3.logins")
        .description("POP3 logins at the gateway, by result")
        .tag("result", result.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }

  void retrieved(MessageStatus status) {
    Counter.builder("kdcmail.pop3.retrievals")
        .description("messages handed to POP3 clients (RETR, TOP), by status")
        .tag("status", status.tag())
        .register(registry)
        .increment();
  }

  void processed(MessageStatus status, long nanos) {
    Timer.builder("kdcmail.pop3.processing")
        .description("time to fetch, decrypt and prepare one message from the office mailbox")
        .tag("status", status.tag())
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
