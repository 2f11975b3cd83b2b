package org.kdcmail.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.Gateway;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.plugin.unlock.Unlocker;

/**
 * The whole gateway as {@link Gateway#start} composes it, in front of GreenMail and a real KDC:
 * alice sends to bob with Jakarta Mail through the gateway's SMTP, the office server stores no
 * subject, body or attachment name, and bob reads the original bytes back through the gateway's
 * POP3 (with only the X-Kdcmail-* fields added on top).
 */
@Timeout(180)
class EndToEndIT {
  @TempDir Path dir;

  @Test
  void aliceToBob_throughGatewaySmtpAndPop3_bobGetsTheOriginalBytes() throws Exception {
    try (MailSystem mail = new MailSystem(dir);
        Gateway gateway = Gateway.start(mail.gatewaySettings().build())) {
      unlock(gateway, ALICE);
      unlock(gateway, BOB);
      GatewayEndpoints at = gateway.endpoints();
      byte[] original = TestMessages.withAttachment(ALICE, BOB);

      send(at, original);

      assertThat(mail.office().waitForIncomingEmail(10_000, 1)).isTrue();
      String stored = raw(mail.office().getReceivedMessages()[0]);
      assertThat(stored)
          .doesNotContain(TestMessages.SUBJECT)
          .doesNotContain(TestMessages.BODY)
          .doesNotContain(TestMessages.ATTACHMENT);
      byte[] read = retrieve(at);
      String head = xKdcmailHead(read);
      assertThat(head).startsWith("X-Kdcmail-Status: decrypted; sender=" + ALICE);
      assertThat(
              new String(read, head.length(), read.length - head.length(), StandardCharsets.UTF_8))
          .isEqualTo(new String(original, StandardCharsets.UTF_8));
    }
  }

  private static void unlock(Gateway gateway, String user) throws Exception {
    gateway
        .keys()
        .unlock(
            user,
            new Unlocker(KdcFixture.CHEAP)
                .unlock(
                    new org.kdcmail.plugin.ClientPaths(gateway.settings().home()).storeFile(user),
                    MailSystem.password(user).toCharArray(),
                    MailSystem.mkId(user).toCharArray(),
                    MailSystem.mkPassword(user).toCharArray()));
  }

  /** Submits {@code raw} unchanged (no saveChanges: the bytes on the wire are these). */
  private static void send(GatewayEndpoints at, byte[] raw) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.auth", "true");
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "60000");
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
    try (Transport t = session.getTransport("smtp")) {
      t.connect(
          at.smtp().getAddress().getHostAddress(),
          at.smtp().getPort(),
          ALICE,
          MailSystem.password(ALICE));
      t.sendMessage(m, m.getAllRecipients());
    }
  }

  private static byte[] retrieve(GatewayEndpoints at) throws Exception {
    Properties p = new Properties();
    p.put("mail.pop3.connectiontimeout", "10000");
    p.put("mail.pop3.timeout", "60000");
    Store store = Session.getInstance(p).getStore("pop3");
    store.connect(
        at.pop3().getAddress().getHostAddress(),
        at.pop3().getPort(),
        BOB,
        MailSystem.password(BOB));
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        inbox.getMessage(1).writeTo(out);
        return out.toByteArray();
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }

  /** The leading X-Kdcmail-* header lines the gateway adds. */
  private static String xKdcmailHead(byte[] message) {
    String text = new String(message, StandardCharsets.UTF_8);
    int end = 0;
    while (text.startsWith("X-Kdcmail-", end)) {
      do { // the field and its folded continuation lines
        end = text.indexOf("\r\n", end) + 2;
      } while (text.startsWith(" ", end) || text.startsWith("\t", end));
    }
    return text.substring(0, end);
  }

  private static String raw(MimeMessage stored) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stored.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
