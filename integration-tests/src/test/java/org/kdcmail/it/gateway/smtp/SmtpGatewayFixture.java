package org.kdcmail.it.gateway.smtp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.server.GatewayTls;
import org.kdcmail.gateway.smtp.SmtpGateway;
import org.kdcmail.gateway.smtp.SmtpOptions;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.mime.KdcTickets;
import org.kdcmail.mime.MailUnwrapper;
import org.kdcmail.mime.RevocationCheck;
import org.kdcmail.mime.SeenKeyIds;
import org.kdcmail.mime.Verdict;
import org.kdcmail.plugin.unlock.Unlocker;

/**
 * A {@link MailSystem} with the SMTP gateway in front of it, plus what the SMTP tests need: a
 * Jakarta Mail client session for the gateway, the office server's mailboxes as raw bytes, and
 * unwrapping a stored copy with a recipient's real master key.
 */
final class SmtpGatewayFixture implements AutoCloseable {
  final MailSystem mail;
  final Path folder;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GatewayTls tls;
  private final SmtpOptions options;
  private GatewaySettings settings;
  private SmtpGateway gateway;

  SmtpGatewayFixture(Path folder, UnaryOperator<GatewaySettings.Builder> tweak) throws Exception {
    this(folder, new MailSystem(folder), tweak, SmtpOptions.DEFAULTS);
  }

  SmtpGatewayFixture(
      Path folder, MailSystem mail, UnaryOperator<GatewaySettings.Builder> tweak, SmtpOptions o)
      throws Exception {
    this.folder = folder;
    this.mail = mail;
    this.tls = GatewayTls.selfSigned(folder.resolve("tls"));
    this.options = o;
    this.settings = tweak.apply(mail.gatewaySettings()).build();
    this.gateway = SmtpGateway.start(settings, mail.keys(), tls, registry, o);
  }

  InetSocketAddress address() {
    return gateway.address();
  }

  GatewaySettings settings() {
    return settings;
  }

  /** A Jakarta Mail session that submits to the gateway with AUTH on loopback (no TLS). */
  Session client() {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", Integer.toString(address().getPort()));
    p.setProperty("mail.smtp.auth", "true");
    p.setProperty("mail.smtp.timeout", "60000");
    return Session.getInstance(p);
  }

  /** Submits {@code message} exactly as given, as {@code user} (password: the local part). */
  void send(String user, byte[] message, String... recipients) throws MessagingException {
    Session s = client();
    MimeMessage m = new MimeMessage(s, new ByteArrayInputStream(message));
    Address[] to = new Address[recipients.length];
    for (int i = 0; i < to.length; i++) {
      to[i] = new InternetAddress(recipients[i]);
    }
    try (Transport t = s.getTransport("smtp")) {
      t.connect(user, MailSystem.password(user));
      t.sendMessage(m, to);
    }
  }

  /** The raw messages in {@code user}'s mailbox on the office server. */
  List<byte[]> mailbox(String user) throws Exception {
    List<byte[]> out = new ArrayList<>();
    var office = mail.office();
    var inbox =
        office
            .getManagers()
            .getImapHostManager()
            .getInbox(office.getUserManager().getUserByEmail(user));
    for (var stored : inbox.getMessages()) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      stored.getMimeMessage().writeTo(b);
      out.add(b.toByteArray());
    }
    return out;
  }

  /** {@code user}'s master key, derived from its client store. */
  MasterKey key(String user) throws Exception {
    return new Unlocker(KdcFixture.CHEAP)
        .unlock(
            mail.storeOf(user),
            MailSystem.password(user).toCharArray(),
            MailSystem.mkId(user).toCharArray(),
            MailSystem.mkPassword(user).toCharArray());
  }

  /** Unwraps a stored copy as {@code user} would; the bytes are empty unless released. */
  Unwrapped unwrap(String user, byte[] stored) throws Exception {
    return unwrap(user, key(user), stored);
  }

  /** Unwraps a stored copy with {@code k} (destroyed afterwards). */
  Unwrapped unwrap(String user, MasterKey k, byte[] stored) throws Exception {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Path spool = Files.createDirectories(folder.resolve("unwrap-spool"));
      Verdict v =
          MailUnwrapper.create(Clock.systemUTC(), RevocationCheck.NONE, SeenKeyIds.NONE)
              .unwrap(
                  new ByteArrayInputStream(stored),
                  user,
                  KdcTickets.opener(new UserKey(user, k), Clock.systemUTC()),
                  out,
                  spool);
      return new Unwrapped(v, out.toByteArray());
    } finally {
      k.destroy();
    }
  }

  /** An unwrap verdict and the released bytes. */
  record Unwrapped(Verdict verdict, byte[] bytes) {}

  /** Stops and starts the gateway (same settings, port chosen anew). */
  void restart() throws IOException {
    gateway.close();
    gateway = SmtpGateway.start(settings, mail.keys(), tls, registry, options);
  }

  @Override
  public void close() {
    gateway.close();
    mail.close();
  }
}
