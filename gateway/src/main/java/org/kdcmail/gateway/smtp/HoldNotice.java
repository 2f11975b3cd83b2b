package org.kdcmail.gateway.smtp;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.kdcmail.gateway.hold.HeldMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a sender, by a plain mail in its own mailbox, that a message is held until its recipients
 * enroll. It names the recipients, the Message-ID and the spool id, never the subject or body (the
 * notice is not encrypted). Best effort: the message is already safe in the spool.
 */
final class HoldNotice {
  private static final Logger LOG = LoggerFactory.getLogger(HoldNotice.class);

  private final UpstreamPool upstream;

  HoldNotice(UpstreamPool upstream) {
    this.upstream = upstream;
  }

  void send(Credentials who, HeldMessage held) throws InterruptedException {
    byte[] text = text(who.user(), held).getBytes(StandardCharsets.UTF_8);
    try {
      upstream.send(who, who.user(), List.of(who.user()), out -> out.write(text));
    } catch (UpstreamFailure e) {
      LOG.warn(
          "could not send the hold notice for {} to {}: {}", held.id(), who.user(), e.getMessage());
    }
  }

  static String text(String sender, HeldMessage held) {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    String nl = "\r\n";
    return "From: kdcmail gateway <"
        + sender
        + ">"
        + nl
        + "To: "
        + sender
        + nl
        + "Subject: kdcmail: your message is held until its recipients enroll"
        + nl
        + "Date: "
        + date
        + nl
        + "Message-ID: <held-"
        + held.id()
        + "@kdcmail.gateway>"
        + nl
        + "Auto-Submitted: auto-generated"
        + nl
        + "X-Kdcmail-Notice: held "
        + held.id()
        + nl
        + "MIME-Version: 1.0"
        + nl
        + "Content-Type: text/plain; charset=utf-8"
        + nl
        + nl
        + "Your message "
        + (held.messageId().isEmpty() ? "" : held.messageId() + " ")
        + "to "
        + String.join(", ", held.recipients())
        + nl
        + "is held by the kdcmail gateway: these recipients are not enrolled, so it"
        + nl
        + "cannot be encrypted for them yet: "
        + String.join(", ", held.waitingFor())
        + nl
        + nl
        + "The gateway sends it, encrypted, as soon as all of them are enrolled"
        + nl
        + "(while your key is unlocked). Held message id: "
        + held.id()
        + nl
        + "An administrator can send it now (unencrypted to those not enrolled) or drop it:"
        + nl
        + "  kdcmail admin held release "
        + held.id()
        + nl
        + "  kdcmail admin held discard "
        + held.id()
        + nl;
  }
}
