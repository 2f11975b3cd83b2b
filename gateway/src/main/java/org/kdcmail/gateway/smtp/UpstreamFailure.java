package org.kdcmail.gateway.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * The office SMTP server did not take a message or a login. {@link #kind()} says what the client
 * should be told; the message is safe to show (it never holds a password).
 */
final class UpstreamFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the client is concerned. */
  enum Kind {
    /** The office server refused the user's login. */
    AUTH_REJECTED,
    /** The office server could not be reached or the connection broke. */
    UNREACHABLE,
    /** The office server answered 4xx. */
    TEMPORARY,
    /** The office server answered 5xx. */
    PERMANENT
  }

  private final Kind kind;
  private final String upstreamCode;

  UpstreamFailure(Kind kind, String upstreamCode, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.upstreamCode = upstreamCode;
  }

  Kind kind() {
    return kind;
  }

  /** The office server's reply code, or empty when it gave none. */
  String upstreamCode() {
    return upstreamCode;
  }

  /** Classifies a Jakarta Mail failure from talking to {@code server}. */
  static UpstreamFailure of(MessagingException e, String server) {
    if (e instanceof AuthenticationFailedException) {
      return new UpstreamFailure(
          Kind.AUTH_REJECTED, "535", "the office server " + server + " refused the login", e);
    }
    for (Exception x = e; x != null; x = next(x)) {
      int code = replyCode(x);
      if (code >= 400) {
        String text = oneLine(x.getMessage());
        return new UpstreamFailure(
            code < 500 ? Kind.TEMPORARY : Kind.PERMANENT,
            Integer.toString(code),
            "the office server " + server + " answered: " + text,
            e);
      }
      if (x instanceof IOException) {
        return new UpstreamFailure(
            Kind.UNREACHABLE,
            "",
            "the office server " + server + " is unreachable (" + oneLine(x.getMessage()) + ")",
            e);
      }
    }
    return new UpstreamFailure(
        Kind.UNREACHABLE,
        "",
        "the office server " + server + " failed (" + oneLine(e.getMessage()) + ")",
        e);
  }

  private static Exception next(Exception x) {
    if (x instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return x.getCause() instanceof Exception c ? c : null;
  }

  private static int replyCode(Exception x) {
    if (x instanceof SMTPAddressFailedException a) {
      return a.getReturnCode();
    }
    if (x instanceof SMTPSenderFailedException s) {
      return s.getReturnCode();
    }
    if (x instanceof SMTPSendFailedException s) {
      return s.getReturnCode();
    }
    return -1;
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "no detail";
    }
    String t = s.replaceAll("[\\r\\n]+", " ").strip();
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }
}
