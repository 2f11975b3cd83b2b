package org.kdcmail.gateway.smtp;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logged-in connections to the office SMTP server, kept per user: at most {@code maxPerUser} open
 * at once for one user (further senders wait up to the upstream timeout), idle ones closed after
 * {@code idleTimeout}. A connection idle for more than a few seconds is checked (NOOP) before
 * reuse; a reused connection that fails before the DATA phase is replaced once, so a connection the
 * server dropped meanwhile never costs the client a deferral. Thread-safe.
 */
final class UpstreamPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamPool.class);
  private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final UpstreamSmtp upstream;
  private final int maxPerUser;
  private final Duration idleTimeout;
  private final Duration waitTimeout;
  private final Map<String, UserConnections> users = new ConcurrentHashMap<>();

  UpstreamPool(UpstreamSmtp upstream, int maxPerUser, Duration idleTimeout, Duration waitTimeout) {
    if (maxPerUser < 1) {
      throw new IllegalArgumentException("maxPerUser must be at least 1");
    }
    this.upstream = upstream;
    this.maxPerUser = maxPerUser;
    this.idleTimeout = idleTimeout;
    this.waitTimeout = waitTimeout;
  }

  /** Checks {@code credentials} with a fresh login upstream; the connection is kept for reuse. */
  void verify(Credentials credentials) throws UpstreamFailure, InterruptedException {
    UserConnections u = of(credentials.user());
    u.acquire(upstream.describe());
    SMTPTransport t = null;
    try {
      t = upstream.connect(credentials);
    } finally {
      u.release(t);
    }
  }

  /**
   * Sends one copy from {@code from} to {@code recipients} as {@code credentials.user()}.
   *
   * @throws UpstreamFailure when the office server did not accept it
   */
  void send(Credentials credentials, String from, List<String> recipients, CopyWriter writer)
      throws UpstreamFailure, InterruptedException {
    Address[] to = addresses(recipients);
    UserConnections u = of(credentials.user());
    u.acquire(upstream.describe());
    SMTPTransport t = null;
    try {
      t = u.idle();
      boolean reused = t != null;
      if (t == null) {
        t = upstream.connect(credentials);
      }
      StreamedMessage m = new StreamedMessage(upstream.session(), from, writer);
      try {
        t.sendMessage(m, to);
        return;
      } catch (MessagingException e) {
        UpstreamSmtp.close(t);
        t = null;
        if (!reused || m.dataStarted()) {
          throw UpstreamFailure.of(e, upstream.describe());
        }
        LOG.debug("pooled upstream connection of {} failed before DATA; reconnecting", credentials);
      }
      t = upstream.connect(credentials);
      StreamedMessage again = new StreamedMessage(upstream.session(), from, writer);
      try {
        t.sendMessage(again, to);
      } catch (MessagingException e) {
        UpstreamSmtp.close(t);
        t = null;
        throw UpstreamFailure.of(e, upstream.describe());
      }
    } finally {
      u.release(t);
    }
  }

  /** Closes connections idle for longer than the idle timeout; run periodically. */
  void closeIdle() {
    long limit = System.nanoTime() - idleTimeout.toNanos();
    users.values().forEach(u -> u.closeIdle(limit, false));
  }

  @Override
  public void close() {
    users.values().forEach(u -> u.closeIdle(0, true));
  }

  private UserConnections of(String user) {
    return users.computeIfAbsent(user, x -> new UserConnections());
  }

  private static Address[] addresses(List<String> recipients) throws UpstreamFailure {
    Address[] out = new Address[recipients.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = new InternetAddress(recipients.get(i), false);
      } catch (AddressException e) {
        throw new UpstreamFailure(
            UpstreamFailure.Kind.PERMANENT,
            "553",
            "recipient address " + recipients.get(i) + " is malformed",
            e);
      }
    }
    return out;
  }

  /** One user's idle connections and the bound on how many are open. */
  private final class UserConnections {
    private final Semaphore open = new Semaphore(maxPerUser, true);
    private final Deque<Idle> idle = new ArrayDeque<>();

    void acquire(String server) throws UpstreamFailure, InterruptedException {
      if (!open.tryAcquire(waitTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new UpstreamFailure(
            UpstreamFailure.Kind.TEMPORARY,
            "",
            "all " + maxPerUser + " connections to the office server " + server + " are busy",
            null);
      }
    }

    /** An idle connection that still answers, or null. */
    SMTPTransport idle() {
      while (true) {
        Idle i;
        synchronized (this) {
          i = idle.pollFirst();
        }
        if (i == null) {
          return null;
        }
        boolean fresh = System.nanoTime() - i.since < CHECK_AFTER_NANOS;
        if (fresh || i.transport.isConnected()) {
          return i.transport;
        }
        UpstreamSmtp.close(i.transport);
      }
    }

    /** Gives back the permit and, if non-null, the (healthy) connection. */
    void release(SMTPTransport t) {
      try {
        if (t != null) {
          synchronized (this) {
            idle.addFirst(new Idle(t, System.nanoTime()));
          }
        }
      } finally {
        open.release();
      }
    }

    void closeIdle(long limitNanos, boolean all) {
      List<Idle> gone = new java.util.ArrayList<>();
      synchronized (this) {
        idle.removeIf(
            i -> {
              if (all || i.since - limitNanos < 0) {
                gone.add(i);
                return true;
              }
              return false;
            });
      }
      gone.forEach(i -> UpstreamSmtp.close(i.transport));
    }
  }

  private record Idle(SMTPTransport transport, long since) {}
}
