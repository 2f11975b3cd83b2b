package org.kdcmail.it.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.GatewayLimits;
import org.kdcmail.gateway.smtp.SmtpOptions;
import org.kdcmail.gateway.upstream.UpstreamServer;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.it.gateway.TestMessages;
import org.kdcmail.mime.Verdict;

/**
 * What the client is told when something on the way is missing — a locked master key, the KDC, the
 * office server — and that nothing is lost: each is a 4xx the client retries, and the retry arrives
 * exactly once.
 */
class SmtpFailuresIT {

  @Test
  void lockedKey_451_thenAcceptedAfterUnlock(@TempDir Path folder) throws Exception {
    try (SmtpGatewayFixture f = new SmtpGatewayFixture(folder, b -> b)) {
      byte[] message = TestMessages.plain("locked", "From: " + ALICE, "To: " + BOB);
      SmtpDialog.Reply locked = submit(f, message);
      assertThat(locked.code()).isEqualTo(451);
      assertThat(locked.text())
          .contains("4.7.0 master key locked: run kdcmail unlock --user " + ALICE);
      assertThat(f.mailbox(BOB)).isEmpty();

      f.mail.unlock(ALICE);
      assertThat(submit(f, message).code()).isEqualTo(250);
      assertThat(f.mailbox(BOB)).hasSize(1);
    }
  }

  @Test
  void kdcDown_451_nothingSent(@TempDir Path folder) throws Exception {
    try (SmtpGatewayFixture f = new SmtpGatewayFixture(folder, b -> b)) {
      f.mail.unlock(ALICE);
      byte[] message = TestMessages.plain("kdc down", "From: " + ALICE, "To: " + BOB);
      f.mail.kdc().stop();
      SmtpDialog.Reply down = submit(f, message);
      assertThat(down.code()).isEqualTo(451);
      assertThat(down.text()).contains("4.4.1").contains("KDC unreachable");
      assertThat(f.mailbox(BOB)).isEmpty();
    }
  }

  @Test
  void upstreamDown_451_retryAfterRestartArrivesExactlyOnce(@TempDir Path folder) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail office = startOffice(setup);
    MailSystem mail = new MailSystem(folder);
    try (SmtpGatewayFixture f =
        new SmtpGatewayFixture(
            folder,
            mail,
            b ->
                b.upstreamSmtp(new UpstreamServer("127.0.0.1", port, UpstreamServer.Security.PLAIN))
                    .limits(shortUpstreamTimeout()),
            SmtpOptions.DEFAULTS)) {
      mail.unlock(ALICE);
      byte[] message = TestMessages.plain("upstream down", "From: " + ALICE, "To: " + BOB);
      assertThat(submit(f, message).code()).as("a first message warms the pool").isEqualTo(250);

      office.stop();
      SmtpDialog.Reply down = submit(f, message);
      assertThat(down.code()).isEqualTo(451);
      assertThat(down.text()).contains("4.4.1").contains("unreachable");

      office = startOffice(setup);
      assertThat(submit(f, message).code()).as("the client's retry").isEqualTo(250);
      MimeMessage[] got = office.getReceivedMessages();
      assertThat(got).as("the retried message, once").hasSize(1);
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      got[0].writeTo(b);
      SmtpGatewayFixture.Unwrapped u = f.unwrap(BOB, b.toByteArray());
      assertThat(u.verdict().status()).isEqualTo(Verdict.Status.OK);
      assertThat(u.bytes()).isEqualTo(message);
    } finally {
      office.stop();
    }
  }

  private static GreenMail startOffice(ServerSetup setup) {
    GreenMail office = new GreenMail(setup);
    office.start();
    for (String user : List.of(ALICE, BOB)) {
      office.setUser(user, user, MailSystem.password(user));
    }
    return office;
  }

  private static GatewayLimits shortUpstreamTimeout() {
    GatewayLimits d = GatewayLimits.DEFAULTS;
    return new GatewayLimits(
        d.maxMessageBytes(),
        d.maxRecipients(),
        d.maxLineBytes(),
        d.maxConnections(),
        d.clientIdleTimeout(),
        Duration.ofSeconds(5),
        d.messageMemoryBytes());
  }

  static SmtpDialog.Reply submit(SmtpGatewayFixture f, byte[] message, String... recipients)
      throws Exception {
    try (SmtpDialog d = new SmtpDialog(f.address())) {
      assertThat(d.login(ALICE, MailSystem.password(ALICE)).code()).isEqualTo(235);
      assertThat(d.send("MAIL FROM:<" + ALICE + ">").code()).isEqualTo(250);
      for (String r : recipients.length == 0 ? new String[] {BOB} : recipients) {
        assertThat(d.send("RCPT TO:<" + r + ">").code()).isEqualTo(250);
      }
      return d.data(message);
    }
  }
}
