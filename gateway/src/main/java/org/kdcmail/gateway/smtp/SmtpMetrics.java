package org.kdcmail.gateway.smtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The SMTP side's figures: messages by outcome and reason ({@code kdcmail_smtp_messages_total}),
 * logins by result ({@code kdcmail_smtp_logins_total}), and the time spent relaying one copy
 * upstream and asking the KDC ({@code kdcmail_smtp_relay_seconds}, {@code
 * kdcmail_smtp_kdc_seconds}).
 */
final class SmtpMetrics {
  private final MeterRegistry registry;
  private final Timer relay;
  private final Timer kdc;

  SmtpMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.relay =
        Timer.builder("kdcmail.smtp.relay")
            .description("relaying one copy to the office server")
            .register(registry);
    this.kdc =
        Timer.builder("kdcmail.smtp.kdc")
            .description("the KDC requests for one message")
            .register(registry);
  }

  /** Counts one answered message. */
  void message(SmtpReply reply) {
    String outcome =
        reply instanceof SmtpReply.Accepted
            ? "accepted"
            : reply instanceof SmtpReply.Deferred ? "deferred" : "rejected";
    Counter.builder("kdcmail.smtp.messages")
        .description("messages answered, by outcome and reason")
        .tag("outcome", outcome)
        .tag("reason", reply.reason())
        .register(registry)
        .increment();
  }

  /** Counts one login: ok, cached, refused or unavailable. */
  void login(String result) {
    Counter.builder("kdcmail.smtp.logins")
        .description("client logins, by result")
        .tag("result", result)
        .register(registry)
        .increment();
  }

  void relayed(Duration d) {
    relay.record(d);
  }

  void kdcAsked(Duration d) {
    kdc.record(d);
  }
}
