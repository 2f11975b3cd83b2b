package org.kdcmail.gateway.smtp;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kdcmail.gateway.hold.HeldMessage;
import org.kdcmail.gateway.hold.HoldSpool;
import org.kdcmail.gateway.keys.KeyLease;
import org.kdcmail.gateway.keys.MasterKeyLockedException;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task behind the hold policy: every second it looks at the spool; a message an
 * administrator released is sent at once, any other is checked again every {@code interval} — in
 * both cases only while its sender's master key is unlocked (the held files open only with it). A
 * message is deleted from the spool once the office server accepted every copy.
 */
final class HoldRetrier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HoldRetrier.class);

  /** How soon a released message that could not be sent is tried again. */
  private static final Duration RELEASED_RETRY = Duration.ofSeconds(5);

  private final HoldSpool spool;
  private final UnlockedKeys keys;
  private final Submitter submitter;
  private final Duration interval;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  HoldRetrier(
      HoldSpool spool, UnlockedKeys keys, Submitter submitter, Duration interval, Clock clock) {
    this.spool = spool;
    this.keys = keys;
    this.submitter = submitter;
    this.interval = interval;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kdcmail-hold-retry");
              t.setDaemon(true);
              return t;
            });
  }

  void start() {
    timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** One pass over the spool. */
  void tick() {
    try {
      for (HeldMessage held : spool.list()) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        boolean released = spool.releaseRequested(held.id());
        Duration wait =
            released
                ? RELEASED_RETRY.compareTo(interval) < 0 ? RELEASED_RETRY : interval
                : interval;
        if (due(held, wait) && keys.isUnlocked(held.sender())) {
          attempt(held, released);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("hold spool pass failed: {}", e.toString());
    }
  }

  /** Due when not tried for {@code wait}; a released message that was never tried is due now. */
  private boolean due(HeldMessage held, Duration wait) {
    Instant last = held.lastAttempt().orElse(held.heldAt());
    return !clock.instant().isBefore(last.plus(wait));
  }

  private void attempt(HeldMessage held, boolean released) throws IOException {
    Optional<SmtpReply> outcome;
    try (KeyLease lease = keys.lease(held.sender())) {
      outcome = submitter.retryHeld(held, released, lease);
    } catch (MasterKeyLockedException e) {
      return; // locked meanwhile: next time
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (IOException e) {
      outcome = Optional.of(new SmtpReply.Deferred("451", "4.3.0", e.getMessage(), "io"));
    }
    if (outcome.isEmpty()) {
      return;
    }
    SmtpReply reply = outcome.get();
    if (reply instanceof SmtpReply.Accepted) {
      spool.remove(held.id());
      LOG.info("held message {} from {} sent: {}", held.id(), held.sender(), reply.text());
    } else {
      spool.update(
          held.attempted(
              clock.instant(),
              held.waitingFor(),
              Optional.of(reply.code() + " " + reply.status() + " " + reply.text())));
      LOG.warn("held message {} not sent yet: {} {}", held.id(), reply.code(), reply.text());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
