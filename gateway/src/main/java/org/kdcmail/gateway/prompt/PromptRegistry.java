package org.kdcmail.gateway.prompt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Who has a prompt (the desktop app, the Thunderbird extension) waiting to be asked for an MK
 * entry, and the requests to ask. A user counts as having a prompt while one of its long polls
 * ({@code GET /prompt/next}) is open or ended less than {@link #GRACE} ago. {@link #ask} raises a
 * request that each prompt client (told apart by its token) receives once, until it expires or
 * {@link #done}. Thread-safe.
 */
public final class PromptRegistry {

  /** How long after its last long poll a prompt still counts as registered. */
  public static final Duration GRACE = Duration.ofSeconds(30);

  /** Most long polls open at once, gateway-wide (each holds an HTTP thread). */
  public static final int MAX_OPEN_POLLS = 32;

  private final Clock clock;
  private final Map<String, UserPrompts> users = new HashMap<>();
  private int openPolls;

  public PromptRegistry(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether a prompt for {@code user} is registered now. */
  public synchronized boolean registered(String user) {
    UserPrompts u = users.get(key(user));
    return u != null && (u.openPolls > 0 || clock.instant().isBefore(u.lastPollEnded.plus(GRACE)));
  }

  /**
   * Asks {@code user}'s prompts for an MK entry, for {@code reason} (e.g. {@code smtp}); the
   * request stands for {@code validFor}. False, and nothing asked, when no prompt is registered.
   */
  public synchronized boolean ask(String user, String reason, Duration validFor) {
    if (!registered(user)) {
      return false;
    }
    UserPrompts u = users.get(key(user));
    u.sequence++;
    u.reason = reason;
    u.requestExpires = clock.instant().plus(validFor);
    notifyAll();
    return true;
  }

  /** Withdraws the standing request for {@code user} (it was unlocked, or gave up). */
  public synchronized void done(String user) {
    UserPrompts u = users.get(key(user));
    if (u != null) {
      u.requestExpires = Instant.MIN;
    }
  }

  /**
   * A long poll by the prompt client {@code client} for {@code user}: waits up to {@code wait} for
   * a request this client has not received yet.
   *
   * @return the request's reason, or empty after {@code wait}
   * @throws TooManyPollsException when {@value #MAX_OPEN_POLLS} polls are already open
   */
  public synchronized Optional<String> next(String user, String client, Duration wait)
      throws InterruptedException, TooManyPollsException {
    if (openPolls >= MAX_OPEN_POLLS) {
      throw new TooManyPollsException();
    }
    UserPrompts u = users.computeIfAbsent(key(user), k -> new UserPrompts());
    openPolls++;
    u.openPolls++;
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        Optional<String> request = undelivered(u, client);
        if (request.isPresent()) {
          return request;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } finally {
      openPolls--;
      u.openPolls--;
      u.lastPollEnded = clock.instant();
    }
  }

  private Optional<String> undelivered(UserPrompts u, String client) {
    if (u.sequence == 0 || !clock.instant().isBefore(u.requestExpires)) {
      return Optional.empty();
    }
    Long seen = u.delivered.get(client);
    if (seen != null && seen >= u.sequence) {
      return Optional.empty();
    }
    u.delivered.put(client, u.sequence);
    return Optional.of(u.reason);
  }

  private static String key(String user) {
    return Objects.requireNonNull(user, "user").toLowerCase(Locale.ROOT);
  }

  /** Refusal of a long poll beyond {@link #MAX_OPEN_POLLS}. */
  public static final class TooManyPollsException extends Exception {
    private static final long serialVersionUID = 1L;

    TooManyPollsException() {
      super("too many prompts are waiting at once; try again shortly");
    }
  }

  private static final class UserPrompts {
    int openPolls;
    Instant lastPollEnded = Instant.MIN;
    long sequence;
    String reason = "";
    Instant requestExpires = Instant.MIN;
    final Map<String, Long> delivered = new HashMap<>();
  }
}
