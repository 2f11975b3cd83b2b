package org.kdcmail.gateway.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the SMTP side that the gateway settings do not carry; {@link #DEFAULTS} suits
 * production, tests shorten the intervals.
 *
 * @param holdRetryInterval how often a held message is checked again while its sender is unlocked
 * @param loginCacheTtl how long a login the office server confirmed is trusted without asking again
 * @param upstreamConnectionsPerUser most connections open to the office server for one user
 * @param upstreamIdleTimeout an unused upstream connection is closed after this long
 */
public record SmtpOptions(
    Duration holdRetryInterval,
    Duration loginCacheTtl,
    int upstreamConnectionsPerUser,
    Duration upstreamIdleTimeout) {

  /** 1 min hold retries, 5 min login cache, 4 connections per user closed after 60 s idle. */
  public static final SmtpOptions DEFAULTS =
      new SmtpOptions(Duration.ofMinutes(1), Duration.ofMinutes(5), 4, Duration.ofSeconds(60));

  public SmtpOptions {
    positive(holdRetryInterval, "holdRetryInterval");
    positive(loginCacheTtl, "loginCacheTtl");
    positive(upstreamIdleTimeout, "upstreamIdleTimeout");
    if (upstreamConnectionsPerUser < 1) {
      throw new IllegalArgumentException("upstreamConnectionsPerUser must be at least 1");
    }
  }

  /** These options with another hold retry interval. */
  public SmtpOptions withHoldRetryInterval(Duration d) {
    return new SmtpOptions(d, loginCacheTtl, upstreamConnectionsPerUser, upstreamIdleTimeout);
  }

  /** These options with another login cache lifetime. */
  public SmtpOptions withLoginCacheTtl(Duration d) {
    return new SmtpOptions(holdRetryInterval, d, upstreamConnectionsPerUser, upstreamIdleTimeout);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
