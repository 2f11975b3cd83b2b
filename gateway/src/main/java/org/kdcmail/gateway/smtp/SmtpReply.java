package org.kdcmail.gateway.smtp;

import java.util.List;
import java.util.Objects;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/**
 * The gateway's answer to one submitted message, as a value: accepted (250), deferred (4xx: the
 * client keeps the message and retries) or rejected (5xx). {@link #reason()} is a short tag for
 * metrics and logs; {@link #text()} is what the user reads.
 */
sealed interface SmtpReply {

  /** The three-digit reply code. */
  String code();

  /** The RFC 3463 enhanced status code. */
  String status();

  /** The human-readable text after the status code. */
  String text();

  /** A short, fixed tag naming why (metrics, logs). */
  String reason();

  /** James' form of this reply. */
  default HookResult hookResult() {
    HookReturnCode action =
        this instanceof Accepted
            ? HookReturnCode.ok()
            : this instanceof Deferred ? HookReturnCode.denySoft() : HookReturnCode.deny();
    return HookResult.builder()
        .hookReturnCode(action)
        .smtpReturnCode(code())
        .smtpDescription(status() + " " + text())
        .build();
  }

  /** 250: every copy was accepted upstream (or the message is durably held). */
  record Accepted(String text, String reason) implements SmtpReply {
    @Override
    public String code() {
      return "250";
    }

    @Override
    public String status() {
      return "2.0.0";
    }
  }

  /** A 4xx reply. */
  record Deferred(String code, String status, String text, String reason) implements SmtpReply {
    public Deferred {
      Objects.requireNonNull(text, "text");
      if (!code.startsWith("4")) {
        throw new IllegalArgumentException("a deferral is a 4xx reply, not " + code);
      }
    }
  }

  /** A 5xx reply. */
  record Rejected(String code, String status, String text, String reason) implements SmtpReply {
    public Rejected {
      Objects.requireNonNull(text, "text");
      if (!code.startsWith("5")) {
        throw new IllegalArgumentException("a rejection is a 5xx reply, not " + code);
      }
    }
  }

  /** 451 4.7.0 with the key cache's message ("master key locked: run kdcmail unlock ..."). */
  static SmtpReply keyLocked(String message) {
    return new Deferred("451", "4.7.0", message, "key-locked");
  }

  /** 451 4.4.1: no KDC answered. */
  static SmtpReply kdcUnreachable(String detail) {
    return new Deferred(
        "451", "4.4.1", detail + "; the message was not sent, try again later", "kdc-unreachable");
  }

  /** 550 5.7.1: recipients not enrolled under the reject policy. */
  static SmtpReply notEnrolled(List<String> recipients) {
    return new Rejected(
        "550",
        "5.7.1",
        "not enrolled with kdcmail, cannot encrypt for: "
            + String.join(", ", recipients)
            + "; nothing was sent",
        "not-enrolled");
  }

  /** 550 5.7.1: MAIL FROM or From is not the logged-in user. */
  static SmtpReply notYourAddress(String what, String user) {
    return new Rejected(
        "550",
        "5.7.1",
        what + " must be your own address " + user + "; nothing was sent",
        "sender-mismatch");
  }
}
