package org.kdcmail.gateway.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.kdcmail.gateway.upstream.UpstreamServer;

/**
 * Opens logged-in connections to the office SMTP server with Angus Mail, protected as configured:
 * plain, STARTTLS (required: the connection fails rather than continue without it, and the server
 * certificate is checked against its name) or TLS from the first byte. Thread-safe.
 */
final class UpstreamSmtp {
  private final UpstreamServer server;
  private final Session session;
  private final String protocol;

  UpstreamSmtp(UpstreamServer server, Duration timeout) {
    this.server = server;
    this.protocol = server.security() == UpstreamServer.Security.TLS ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    String millis = Long.toString(timeout.toMillis());
    Properties props = new Properties();
    props.setProperty(p + "auth", "true");
    props.setProperty(p + "connectiontimeout", millis);
    props.setProperty(p + "timeout", millis);
    props.setProperty(p + "writetimeout", millis);
    props.setProperty(p + "ssl.checkserveridentity", "true");
    props.setProperty(p + "sendpartial", "false");
    props.setProperty(p + "quitwait", "false");
    props.setProperty(p + "ehlo", "true");
    props.put(p + "socketFactory", new NoDelaySocketFactory());
    if (server.security() == UpstreamServer.Security.STARTTLS) {
      props.setProperty(p + "starttls.enable", "true");
      props.setProperty(p + "starttls.required", "true");
    }
    this.session = Session.getInstance(props);
  }

  /** The Jakarta Mail session messages for this server are made in. */
  Session session() {
    return session;
  }

  /** {@code host:port (security)}, for messages. */
  String describe() {
    return server.toString();
  }

  /**
   * A new connection logged in as {@code credentials.user()}.
   *
   * @throws UpstreamFailure AUTH_REJECTED for a wrong password, UNREACHABLE when the server cannot
   *     be reached, does not offer STARTTLS when required, or offers no AUTH at all (then no
   *     password could be checked)
   */
  SMTPTransport connect(Credentials credentials) throws UpstreamFailure {
    SMTPTransport t;
    try {
      t = (SMTPTransport) session.getTransport(protocol);
    } catch (NoSuchProviderException e) {
      throw new IllegalStateException("Angus Mail's " + protocol + " provider is missing", e);
    }
    try {
      t.connect(server.host(), server.port(), credentials.user(), credentials.password());
    } catch (MessagingException e) {
      throw UpstreamFailure.of(e, describe());
    }
    if (!t.supportsExtension("AUTH")) {
      close(t);
      throw new UpstreamFailure(
          UpstreamFailure.Kind.UNREACHABLE,
          "",
          "the office server "
              + describe()
              + " offers no AUTH, so the gateway cannot check logins; configure its submission"
              + " port",
          null);
    }
    return t;
  }

  static void close(SMTPTransport t) {
    try {
      t.close();
    } catch (MessagingException | RuntimeException e) {
      // the connection is being dropped anyway
    }
  }
}
