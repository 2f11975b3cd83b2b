package org.kdcmail.gateway.pop3;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kdcmail.gateway.keys.MasterKeyLockedException;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.upstream.UpstreamServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASS, the gateway side: logs in to the office POP3 server with the client's credentials (so the
 * office server alone decides who may read a mailbox), then — for an enrolled user only, so the
 * lock state is never told to someone without the password — requires the master key to be
 * unlocked. Keeps every open session so that stopping the gateway closes them without QUIT.
 */
final class MailboxOpener {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxOpener.class);

  /** How a login ended. */
  sealed interface Outcome {}

  /** Logged in: the session's mailbox. */
  record Opened(ProxyMailbox mailbox) implements Outcome {}

  /** The office server refused the credentials. */
  record BadCredentials() implements Outcome {}

  /** The user is enrolled and the master key is locked. */
  record KeyLocked(String message) implements Outcome {}

  /** The office server could not be reached or failed. */
  record Unavailable() implements Outcome {}

  private final UpstreamServer upstream;
  private final Duration timeout;
  private final UnlockedKeys keys;
  private final EnrolledUsers enrolled;
  private final MessageProcessor processor;
  private final Path spoolDir;
  private final int messageMemoryBytes;
  private final Set<ProxyMailbox> open = ConcurrentHashMap.newKeySet();

  MailboxOpener(
      UpstreamServer upstream,
      Duration timeout,
      UnlockedKeys keys,
      EnrolledUsers enrolled,
      MessageProcessor processor,
      Path spoolDir,
      int messageMemoryBytes) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.enrolled = Objects.requireNonNull(enrolled, "enrolled");
    this.processor = Objects.requireNonNull(processor, "processor");
    this.spoolDir = Objects.requireNonNull(spoolDir, "spoolDir");
    this.messageMemoryBytes = messageMemoryBytes;
  }

  Outcome open(String login, String password) {
    UpstreamPop3 connection;
    try {
      connection = UpstreamPop3.connect(upstream, timeout);
    } catch (IOException e) {
      LOG.warn("office POP3 server {} unreachable: {}", upstream, e.getMessage());
      return new Unavailable();
    }
    try {
      connection.login(login, password);
      // the office server gets the name as typed; the gateway's identity is the lower-case address
      String user = login.toLowerCase(Locale.ROOT);
      boolean isEnrolled = enrolled.isEnrolled(user);
      if (isEnrolled && !keys.isUnlocked(user)) {
        connection.quit();
        return new KeyLocked(new MasterKeyLockedException(user).getMessage());
      }
      List<UpstreamMessage> listing = connection.list();
      MessageProcessor.Reader reader =
          new MessageProcessor.Reader(user, isEnrolled, enrolled.all());
      ProxyMailbox[] self = new ProxyMailbox[1];
      ProxyMailbox mailbox =
          new ProxyMailbox(
              reader,
              connection,
              listing,
              processor,
              keys,
              spoolDir,
              messageMemoryBytes,
              () -> open.remove(self[0]));
      self[0] = mailbox;
      open.add(mailbox);
      return new Opened(mailbox);
    } catch (UpstreamAuthenticationException e) {
      connection.abort();
      LOG.info("POP3 login refused by the office server for {}", login);
      return new BadCredentials();
    } catch (IOException e) {
      connection.abort();
      LOG.warn("office POP3 server {} failed during login: {}", upstream, e.getMessage());
      return new Unavailable();
    }
  }

  /** Closes every open session without QUIT upstream: nothing is deleted. */
  void closeAll() {
    for (ProxyMailbox m : List.copyOf(open)) {
      m.close();
    }
  }
}
