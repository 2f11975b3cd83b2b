package org.kdcmail.gateway.smtp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kdcmail.gateway.UnenrolledPolicy;
import org.kdcmail.gateway.hold.HeldMessage;
import org.kdcmail.gateway.hold.HoldSpool;
import org.kdcmail.gateway.keys.KeyLease;
import org.kdcmail.gateway.keys.MasterKeyLockedException;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.prompt.PromptServices;
import org.kdcmail.kdc.protocol.client.KdcClient;
import org.kdcmail.kdc.protocol.client.KdcRefusedException;
import org.kdcmail.kdc.protocol.client.KdcUnreachableException;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.mime.HeaderBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one message a client submitted: check that it comes from the logged-in user, take
 * the user's master key, ask the KDC for the copies' keys, apply the policy for recipients who are
 * not enrolled, then relay every copy ({@link CopyRelay}). A locked key with a prompt registered
 * holds the client up to the prompt wait ({@link PromptServices#awaitOnDemand}). Thread-safe; one
 * call per message.
 */
final class Submitter {
  private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);

  private final UnlockedKeys keys;
  private final PromptServices prompts;
  private final KdcClient kdc;
  private final UnenrolledPolicy policy;
  private final CopyRelay relay;
  private final HoldSpool hold;
  private final HoldNotice notice;
  private final SmtpMetrics metrics;
  private final Clock clock;

  Submitter(
      UnlockedKeys keys,
      PromptServices prompts,
      KdcClient kdc,
      UnenrolledPolicy policy,
      CopyRelay relay,
      HoldSpool hold,
      HoldNotice notice,
      SmtpMetrics metrics,
      Clock clock) {
    this.keys = keys;
    this.prompts = prompts;
    this.kdc = kdc;
    this.policy = policy;
    this.relay = relay;
    this.hold = hold;
    this.notice = notice;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Handles a message from a client session; never throws for a message-level problem. */
  SmtpReply submit(Credentials who, List<String> envelopeRecipients, MessageSource message) {
    SmtpReply reply;
    try {
      reply = process(who, distinct(envelopeRecipients), message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply = new SmtpReply.Deferred("421", "4.3.2", "the gateway is shutting down", "shutdown");
    } catch (IOException e) {
      LOG.warn("message from {} failed: {}", who.user(), e.toString());
      reply =
          new SmtpReply.Deferred(
              "451", "4.3.0", "the gateway could not process the message: " + e.getMessage(), "io");
    }
    metrics.message(reply);
    LOG.info(
        "message from {} to {} recipient(s): {} {} ({})",
        who.user(),
        envelopeRecipients.size(),
        reply.code(),
        reply.status(),
        reply.reason());
    return reply;
  }

  private SmtpReply process(Credentials who, List<String> recipients, MessageSource message)
      throws IOException, InterruptedException {
    if (isKdcmail(message)) {
      return new SmtpReply.Rejected(
          "554", "5.6.0", "the message is already encrypted with kdcmail", "already-encrypted");
    }
    MessageHeaders headers = headers(message);
    if (headers == null) {
      return new SmtpReply.Rejected(
          "552", "5.3.4", "the header section is larger than 1 MiB", "header-too-large");
    }
    if (headers.from().isEmpty() || !headers.from().stream().allMatch(who.user()::equals)) {
      return SmtpReply.notYourAddress("the From field", who.user());
    }
    prompts.awaitOnDemand(who.user(), "smtp"); // a registered prompt may unlock meanwhile
    try (KeyLease lease = keys.lease(who.user())) {
      DeliveryPlan plan;
      try {
        plan = plan(lease.key(), recipients, headers.toAndCc());
      } catch (IOException | SessionException e) {
        return kdcFailure(e);
      }
      try (plan) {
        if (plan.unenrolled().isEmpty() || policy == UnenrolledPolicy.PLAINTEXT) {
          return relay.relay(who, plan, message, true);
        }
        if (policy == UnenrolledPolicy.REJECT) {
          return SmtpReply.notEnrolled(plan.unenrolled());
        }
        return hold(who, lease, recipients, plan.unenrolled(), headers, message);
      }
    } catch (MasterKeyLockedException e) {
      return SmtpReply.keyLocked(e.getMessage());
    }
  }

  /**
   * Tries a held message again: sends it when every recipient is enrolled, or when {@code released}
   * (then unencrypted to those who are not). Returns empty while it must stay held.
   */
  java.util.Optional<SmtpReply> retryHeld(HeldMessage held, boolean released, KeyLease lease)
      throws IOException, InterruptedException {
    Credentials who = new Credentials(held.sender(), hold.login(held, lease.key().masterKey()));
    MessageSource message = () -> hold.openMessage(held, lease.key().masterKey());
    MessageHeaders headers = headers(message);
    if (headers == null) {
      throw new IOException("held message " + held.id() + " has a header section over 1 MiB");
    }
    DeliveryPlan plan;
    try {
      plan = plan(lease.key(), held.recipients(), headers.toAndCc());
    } catch (SessionException e) {
      return java.util.Optional.of(kdcFailure(e));
    } catch (IOException e) {
      return java.util.Optional.of(kdcFailure(e));
    }
    try (plan) {
      if (!plan.unenrolled().isEmpty() && !released) {
        hold.update(held.attempted(clock.instant(), plan.unenrolled(), java.util.Optional.empty()));
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(relay.relay(who, plan, message, true));
    }
  }

  private DeliveryPlan plan(UserKey sender, List<String> recipients, Set<String> shown)
      throws IOException, SessionException {
    long start = System.nanoTime();
    try {
      return DeliveryPlan.request(kdc, sender, recipients, shown, clock);
    } finally {
      metrics.kdcAsked(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private SmtpReply hold(
      Credentials who,
      KeyLease lease,
      List<String> recipients,
      List<String> unenrolled,
      MessageHeaders headers,
      MessageSource message)
      throws IOException, InterruptedException {
    HeldMessage held;
    try (InputStream in = message.open()) {
      held =
          hold.hold(
              who.user(),
              recipients,
              unenrolled,
              headers.messageId(),
              in,
              who.password(),
              lease.key().masterKey());
    }
    LOG.info("held message {} from {}: waiting for {}", held.id(), who.user(), unenrolled);
    notice.send(who, held);
    return new SmtpReply.Accepted(
        "held until "
            + String.join(", ", unenrolled)
            + " enroll (id "
            + held.id()
            + "); a notice is in your mailbox",
        "held");
  }

  static SmtpReply kdcFailure(Exception e) {
    if (e instanceof KdcRefusedException r) {
      boolean permanent =
          r.reason()
              .map(x -> x == SessionError.UNKNOWN_SENDER || x == SessionError.SENDER_DISABLED)
              .orElse(false);
      String text = "the KDC refused: " + r.getMessage();
      return permanent
          ? new SmtpReply.Rejected("550", "5.7.1", text, "kdc-refused")
          : new SmtpReply.Deferred("451", "4.7.0", text, "kdc-refused");
    }
    if (e instanceof SessionException) {
      return new SmtpReply.Deferred(
          "451", "4.7.0", "the KDC's answer failed verification; try again later", "kdc-invalid");
    }
    if (e instanceof KdcUnreachableException) {
      return SmtpReply.kdcUnreachable(e.getMessage());
    }
    return SmtpReply.kdcUnreachable("the KDC failed: " + e.getMessage());
  }

  private static boolean isKdcmail(MessageSource message) throws IOException {
    try (InputStream in = new BufferedInputStream(message.open(), 1 << 16)) {
      return HeaderBlock.read(in).isKdcmail();
    } catch (IOException e) {
      return false; // an over-long header section is reported by headers()
    }
  }

  /** The headers, or null when the header section is too large. */
  private static MessageHeaders headers(MessageSource message) throws IOException {
    try (InputStream in = new BufferedInputStream(message.open(), 1 << 16)) {
      return MessageHeaders.read(in);
    } catch (MessageHeaders.TooLargeException e) {
      return null;
    }
  }

  private static List<String> distinct(List<String> recipients) {
    Set<String> out = new LinkedHashSet<>();
    for (String r : recipients) {
      out.add(r.toLowerCase(Locale.ROOT));
    }
    return new ArrayList<>(out);
  }
}
