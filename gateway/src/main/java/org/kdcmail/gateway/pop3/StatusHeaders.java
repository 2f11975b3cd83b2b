package org.kdcmail.gateway.pop3;

import java.nio.charset.StandardCharsets;
import org.kdcmail.mime.Verdict;

/**
 * The {@code X-Kdcmail-*} header fields the gateway puts above a message it hands to a client. They
 * are the only such fields the client sees ({@link KdcmailHeaderFilter} removes any from outside);
 * values from the message are reduced to printable characters so they cannot fold or inject lines.
 */
final class StatusHeaders {
  /** The status field's name. */
  static final String STATUS = "X-Kdcmail-Status";

  /** The warning field's name. */
  static final String WARNING = "X-Kdcmail-Warning";

  private StatusHeaders() {}

  /** For a released verdict (OK or REPLAY). */
  static byte[] decrypted(Verdict v) {
    if (!v.isReleased()) {
      throw new IllegalArgumentException("verdict " + v.status() + " released nothing");
    }
    boolean replay = v.status() == Verdict.Status.REPLAY;
    String status =
        "decrypted; "
            + (replay ? "duplicate; " : "")
            + "sender="
            + clean(v.sender().orElseThrow())
            + "; key-id="
            + clean(v.keyId().orElseThrow());
    String out = field(STATUS, status);
    if (replay) {
      out +=
          field(
              WARNING,
              "duplicate: this message key was read before in another message"
                  + " (a resent copy or a replay)");
    }
    return bytes(out);
  }

  /** For a kdcmail message that was not decrypted. */
  static byte[] failed(String reason) {
    return bytes(field(STATUS, "failed (" + clean(reason) + ")"));
  }

  /** For a plaintext message; {@code unexpected} adds the downgrade warning. */
  static byte[] notEncrypted(boolean unexpected) {
    String out = field(STATUS, "not encrypted");
    if (unexpected) {
      out +=
          field(
              WARNING,
              "not encrypted, sender not verified: mail from this sender should arrive"
                  + " encrypted; it may be forged or stripped of its encryption");
    }
    return bytes(out);
  }

  /** The coarse reason shown for a verdict that released nothing. */
  static String reason(Verdict.Status status) {
    return switch (status) {
      case INTEGRITY -> "failed integrity check";
      case NOT_ADDRESSED_TO_YOU -> "not addressed to you";
      case UNKNOWN_VERSION -> "unknown kdcmail format version";
      case KEY_REVOKED -> "message key revoked";
      case TICKET_EXPIRED -> "ticket expired";
      case NOT_KDCMAIL -> "malformed kdcmail message";
      case OK, REPLAY -> throw new IllegalArgumentException(status + " is not a failure");
    };
  }

  private static String field(String name, String value) {
    return name + ": " + value + "\r\n";
  }

  /** Control characters (CR, LF, tab, ...) become '?'; UTF-8 stays (RFC 6532). */
  private static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
