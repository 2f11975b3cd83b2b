package org.kdcmail.bench.gateway;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.util.Properties;
import org.kdcmail.gateway.smtp.NoDelaySocketFactory;

/**
 * One sender as a mail client is one: a Jakarta Mail (Angus) SMTP connection, logged in once (AUTH
 * PLAIN/LOGIN), reused for every message. The message is parsed once and sent unchanged (no {@code
 * saveChanges}), so both paths get the same bytes.
 */
final class SmtpSender implements AutoCloseable {
  private final Transport transport;
  private final MimeMessage message;
  private final Address[] recipients;

  private SmtpSender(Transport transport, MimeMessage message) throws MessagingException {
    this.transport = transport;
    this.message = message;
    this.recipients = message.getAllRecipients();
  }

  /** Connects to {@code at} and logs in as {@code user}; {@code raw} is what each send submits. */
  static SmtpSender connect(InetSocketAddress at, EnrolledUser user, byte[] raw)
      throws MessagingException {
    Properties p = new Properties();
    p.put("mail.smtp.auth", "true");
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "120000");
    p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
    Session session = Session.getInstance(p);
    MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
    Transport t = session.getTransport("smtp");
    t.connect(at.getHostString(), at.getPort(), user.address(), user.password());
    return new SmtpSender(t, message);
  }

  /** Submits the message once; returns when the server answered 250 (throws otherwise). */
  void send() throws MessagingException {
    transport.sendMessage(message, recipients);
  }

  @Override
  public void close() throws MessagingException {
    transport.close();
  }
}
