package org.kdcmail.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds the gateway enforces on its clients.
 *
 * @param maxMessageBytes largest message accepted (SMTP SIZE; over it: 552), default 50 MiB
 * @param maxRecipients most RCPT TO per message, default 100
 * @param maxLineBytes longest accepted command or DATA line, default 64 KiB + 2; never stricter
 *     than the office server
 * @param maxConnections most simultaneous client connections per protocol, default 200
 * @param clientIdleTimeout a client connection idle this long is closed, default 5 min
 * @param upstreamTimeout connect and read timeout towards the office server, default 60 s
 * @param messageMemoryBytes a message larger than this is spooled to disk, default 1 MiB
 */
public record GatewayLimits(
    long maxMessageBytes,
    int maxRecipients,
    int maxLineBytes,
    int maxConnections,
    Duration clientIdleTimeout,
    Duration upstreamTimeout,
    int messageMemoryBytes) {

  /** The defaults listed above. */
  public static final GatewayLimits DEFAULTS =
      new GatewayLimits(
          50L << 20,
          100,
          (64 << 10) + 2,
          200,
          Duration.ofMinutes(5),
          Duration.ofSeconds(60),
          1 << 20);

  public GatewayLimits {
    Objects.requireNonNull(clientIdleTimeout, "clientIdleTimeout");
    Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
    positive(maxMessageBytes, "maxMessageBytes");
    positive(maxRecipients, "maxRecipients");
    positive(maxConnections, "maxConnections");
    positive(messageMemoryBytes, "messageMemoryBytes");
    if (maxLineBytes < 1002) {
      throw new IllegalArgumentException(
          "maxLineBytes " + maxLineBytes + " is below RFC 5321's 1000 characters + CRLF");
    }
    positive(clientIdleTimeout.toMillis(), "clientIdleTimeout");
    positive(upstreamTimeout.toMillis(), "upstreamTimeout");
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }
}
