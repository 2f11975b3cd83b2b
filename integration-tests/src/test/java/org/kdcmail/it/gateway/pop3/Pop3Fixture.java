package org.kdcmail.it.gateway.pop3;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.pop3.Pop3Gateway;
import org.kdcmail.gateway.server.GatewayTls;
import org.kdcmail.it.gateway.MailSystem;

/** A {@link MailSystem} with the POP3 gateway in front of its office server. */
final class Pop3Fixture implements AutoCloseable {
  final MailSystem system;
  final OfficeMail mail;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final GatewayTls tls;
  Pop3Gateway gateway;

  Pop3Fixture(Path folder) throws Exception {
    system = new MailSystem(folder);
    Path spool = Files.createDirectories(folder.resolve("sender-spool"));
    mail = new OfficeMail(system, spool);
    tls = GatewayTls.selfSigned(folder.resolve("tls"));
    gateway = Pop3Gateway.start(system.gatewaySettings().build(), system.keys(), tls, registry);
  }

  /** Restarts the gateway with other settings. */
  void restart(GatewaySettings settings) throws Exception {
    gateway.close();
    gateway = Pop3Gateway.start(settings, system.keys(), tls, registry);
  }

  /** A plain-text message from {@code from} to {@code to} with {@code extraHeaders}. */
  static byte[] plain(String from, String to, String subject, String extraHeaders, String body) {
    return ("From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: "
            + subject
            + "\r\nMessage-ID: <"
            + Math.abs(subject.hashCode())
            + "."
            + System.nanoTime()
            + "@example.test>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n"
            + extraHeaders
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Wraps {@code original} from alice to bob and delivers it to bob's office mailbox. */
  byte[] deliverEncrypted(byte[] original) throws Exception {
    byte[] wrapped = mail.wrap(MailSystem.ALICE, List.of(MailSystem.BOB), original);
    mail.deliver(MailSystem.ALICE, MailSystem.BOB, wrapped);
    return wrapped;
  }

  /** Messages in {@code user}'s office mailbox now. */
  int officeCount(String user) throws Exception {
    return system.office().getUserManager().getUser(user) == null
        ? 0
        : system
            .office()
            .getManagers()
            .getImapHostManager()
            .getInbox(system.office().getUserManager().getUser(user))
            .getMessageCount();
  }

  @Override
  public void close() {
    gateway.close();
    system.close();
  }
}
