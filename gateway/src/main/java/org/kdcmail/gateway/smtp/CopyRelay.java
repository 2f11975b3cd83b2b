package org.kdcmail.gateway.smtp;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.mime.KdcTickets;
import org.kdcmail.mime.MailWrapper;
import org.kdcmail.mime.WrapOptions;

/**
 * Sends the copies of one planned message upstream, each to its own recipients: the visible copy,
 * one copy per Bcc recipient, and (when the policy allows it) one plaintext copy for the recipients
 * who are not enrolled. Answers 250 only when the office server accepted every copy.
 */
final class CopyRelay {
  private static final Pattern ENHANCED =
      Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

  private final UpstreamPool upstream;
  private final CredentialCache logins;
  private final WrapOptions wrap;
  private final String kdcId;
  private final SmtpMetrics metrics;

  CopyRelay(
      UpstreamPool upstream,
      CredentialCache logins,
      WrapOptions wrap,
      String kdcId,
      SmtpMetrics metrics) {
    this.upstream = upstream;
    this.logins = logins;
    this.wrap = wrap;
    this.kdcId = kdcId;
    this.metrics = metrics;
  }

  /** One outgoing copy. */
  private record Copy(List<String> recipients, CopyWriter writer) {}

  /**
   * Relays every copy of {@code plan}; {@code plaintextForUnenrolled} adds the plaintext copy for
   * {@link DeliveryPlan#unenrolled()}, otherwise they must be none.
   */
  SmtpReply relay(
      Credentials who, DeliveryPlan plan, MessageSource message, boolean plaintextForUnenrolled)
      throws InterruptedException {
    List<Copy> copies = copies(who.user(), plan, message, plaintextForUnenrolled);
    for (int i = 0; i < copies.size(); i++) {
      Copy c = copies.get(i);
      long start = System.nanoTime();
      try {
        upstream.send(who, who.user(), c.recipients(), c.writer());
      } catch (UpstreamFailure f) {
        return failed(who, f, i, copies.size());
      } finally {
        metrics.relayed(Duration.ofNanos(System.nanoTime() - start));
      }
    }
    int encrypted = plan.enrolledVisible().size() + plan.enrolledBcc().size();
    String text = "sent encrypted to " + encrypted + " recipient(s)";
    if (plaintextForUnenrolled && !plan.unenrolled().isEmpty()) {
      text += ", unencrypted to " + String.join(", ", plan.unenrolled()) + " (not enrolled)";
      return new SmtpReply.Accepted(text, "sent-partly-plaintext");
    }
    return new SmtpReply.Accepted(text, "sent");
  }

  private List<Copy> copies(
      String sender, DeliveryPlan plan, MessageSource message, boolean plaintext) {
    List<Copy> copies = new ArrayList<>();
    if (!plan.enrolledVisible().isEmpty()) {
      copies.add(
          new Copy(
              plan.enrolledVisible(),
              encrypted(sender, plan.visibleGrant(), plan.enrolledVisible(), message)));
    }
    for (String b : plan.enrolledBcc()) {
      copies.add(new Copy(List.of(b), encrypted(sender, plan.bccGrant(b), List.of(b), message)));
    }
    if (!plan.unenrolled().isEmpty()) {
      if (!plaintext) {
        throw new IllegalStateException("unenrolled recipients under a policy without plaintext");
      }
      copies.add(new Copy(plan.unenrolled(), new PlaintextCopy(message)));
    }
    return copies;
  }

  /** A writer that wraps a fresh copy (new salt, new material) each time it is asked. */
  private CopyWriter encrypted(
      String sender, SessionGrant grant, List<String> recipients, MessageSource message) {
    return out -> {
      try (InputStream in = message.open()) {
        MailWrapper.wrap(
            in, out, KdcTickets.material(grant, sender, kdcId, recipients, Map.of()), wrap);
      }
    };
  }

  private SmtpReply failed(Credentials who, UpstreamFailure f, int copy, int of) {
    String sent = copy == 0 ? "" : " after " + copy + " of " + of + " copies were sent";
    String text = f.getMessage() + sent;
    return switch (f.kind()) {
      case AUTH_REJECTED -> {
        logins.forget(who.user());
        yield new SmtpReply.Deferred(
            "451", "4.7.0", text + "; log in again with your current password", "upstream-login");
      }
      case UNREACHABLE ->
          new SmtpReply.Deferred(
              "451",
              "4.4.1",
              text + "; not sent, your mail client will retry",
              "upstream-unreachable");
      case TEMPORARY -> new SmtpReply.Deferred("451", "4.3.0", text, "upstream-deferred");
      case PERMANENT ->
          copy == 0
              ? new SmtpReply.Rejected(
                  f.upstreamCode(), enhanced(f.getMessage()), text, "upstream-rejected")
              : new SmtpReply.Deferred("451", "4.3.0", text, "upstream-rejected-partly");
    };
  }

  private static String enhanced(String text) {
    Matcher m = ENHANCED.matcher(text);
    return m.find() && m.group(1).equals("5") ? m.group() : "5.0.0";
  }
}
