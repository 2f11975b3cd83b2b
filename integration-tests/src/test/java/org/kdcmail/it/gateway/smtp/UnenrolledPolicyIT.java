package org.kdcmail.it.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;
import static org.kdcmail.it.gateway.MailSystem.DAVE;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.cli.KdcmailCommand;
import org.kdcmail.gateway.UnenrolledPolicy;
import org.kdcmail.gateway.hold.HeldMessage;
import org.kdcmail.gateway.hold.HoldSpool;
import org.kdcmail.gateway.smtp.SmtpOptions;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.it.gateway.TestMessages;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.mime.Verdict;
import picocli.CommandLine;

/**
 * A recipient who is not enrolled (dave) under each policy: reject (550, nothing sent), plaintext
 * (dave gets the original with a warning, bob the encrypted copy) and hold (250 and a notice; the
 * message waits in the spool and goes out encrypted once dave enrolls; {@code kdcmail admin held}
 * discards or releases it).
 */
class UnenrolledPolicyIT {

  @Test
  void reject_550NamingDave_nothingSent(@TempDir Path folder) throws Exception {
    try (SmtpGatewayFixture f = new SmtpGatewayFixture(folder, b -> b)) {
      f.mail.unlock(ALICE);
      SmtpDialog.Reply r =
          SmtpFailuresIT.submit(
              f,
              TestMessages.plain("for two", "From: " + ALICE, "To: " + BOB + ", " + DAVE),
              BOB,
              DAVE);
      assertThat(r.code()).isEqualTo(550);
      assertThat(r.text()).contains("5.7.1").contains(DAVE).doesNotContain(BOB);
      assertThat(f.mailbox(BOB)).isEmpty();
      assertThat(f.mailbox(DAVE)).isEmpty();
    }
  }

  @Test
  void plaintext_daveGetsTheOriginalWithAWarning_bobTheEncryptedCopy(@TempDir Path folder)
      throws Exception {
    try (SmtpGatewayFixture f =
        new SmtpGatewayFixture(folder, b -> b.unenrolledPolicy(UnenrolledPolicy.PLAINTEXT))) {
      f.mail.unlock(ALICE);
      byte[] message =
          TestMessages.plain(TestMessages.BODY, "From: " + ALICE, "To: " + BOB + ", " + DAVE);
      assertThat(SmtpFailuresIT.submit(f, message, BOB, DAVE).code()).isEqualTo(250);

      String dave = new String(single(f.mailbox(DAVE)), StandardCharsets.UTF_8);
      assertThat(dave)
          .contains("X-Kdcmail-Warning: sent unencrypted: recipient not enrolled")
          .contains(TestMessages.BODY);
      byte[] bob = single(f.mailbox(BOB));
      assertThat(new String(bob, StandardCharsets.UTF_8)).doesNotContain(TestMessages.BODY);
      SmtpGatewayFixture.Unwrapped u = f.unwrap(BOB, bob);
      assertThat(u.verdict().status()).isEqualTo(Verdict.Status.OK);
      assertThat(u.bytes()).isEqualTo(message);
    }
  }

  @Test
  void hold_noticeThenDiscardReleaseAndDeliveryOnceDaveEnrolls(@TempDir Path folder)
      throws Exception {
    MailSystem mail = new MailSystem(folder);
    SmtpOptions fast = SmtpOptions.DEFAULTS.withHoldRetryInterval(Duration.ofSeconds(1));
    try (SmtpGatewayFixture f =
        new SmtpGatewayFixture(
            folder, mail, b -> b.unenrolledPolicy(UnenrolledPolicy.HOLD), fast)) {
      mail.unlock(ALICE);
      HoldSpool spool = new HoldSpool(mail.home());
      byte[] first =
          TestMessages.plain(TestMessages.BODY, "From: " + ALICE, "To: " + BOB + ", " + DAVE);
      SmtpDialog.Reply held = SmtpFailuresIT.submit(f, first, BOB, DAVE);
      assertThat(held.code()).isEqualTo(250);
      assertThat(held.text()).contains("held").contains(DAVE);
      String notice = new String(single(f.mailbox(ALICE)), StandardCharsets.UTF_8);
      assertThat(notice)
          .contains("X-Kdcmail-Notice: held")
          .contains(DAVE)
          .doesNotContain(TestMessages.SUBJECT);
      assertThat(spool.list())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.waitingFor()).containsExactly(DAVE);
                assertThat(m.recipients()).containsExactly(BOB, DAVE);
              });
      String firstId = spool.list().get(0).id();

      String secondId = holdAnother(f, spool, "second, to be discarded");
      assertThat(admin(mail.home(), "list")).contains(firstId).contains(secondId);
      assertThat(admin(mail.home(), "discard", secondId)).contains("discarded");

      String thirdId = holdAnother(f, spool, "third, to be released");
      assertThat(admin(mail.home(), "release", thirdId)).contains("sent");
      String plain = new String(single(f.mailbox(DAVE)), StandardCharsets.UTF_8);
      assertThat(plain)
          .contains("X-Kdcmail-Warning: sent unencrypted")
          .contains("third, to be released");
      assertThat(f.unwrap(BOB, single(f.mailbox(BOB))).verdict().status())
          .isEqualTo(Verdict.Status.OK);

      MasterKey daveKey = mail.kdc().enroll(DAVE);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> spool.list().isEmpty() && f.mailbox(BOB).size() == 2);
      assertThat(f.mailbox(DAVE)).hasSize(2);
      SmtpGatewayFixture.Unwrapped dave = f.unwrap(DAVE, daveKey, f.mailbox(DAVE).get(1));
      assertThat(dave.verdict().status()).isEqualTo(Verdict.Status.OK);
      assertThat(dave.bytes()).isEqualTo(first);
      assertThat(f.unwrap(BOB, f.mailbox(BOB).get(1)).bytes()).isEqualTo(first);
    }
  }

  private static String holdAnother(SmtpGatewayFixture f, HoldSpool spool, String body)
      throws Exception {
    List<String> before = spool.list().stream().map(HeldMessage::id).toList();
    byte[] m = TestMessages.plain(body, "From: " + ALICE, "To: " + BOB + ", " + DAVE);
    assertThat(SmtpFailuresIT.submit(f, m, BOB, DAVE).code()).isEqualTo(250);
    return spool.list().stream()
        .map(HeldMessage::id)
        .filter(id -> !before.contains(id))
        .findFirst()
        .orElseThrow();
  }

  private static String admin(Path home, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = KdcmailCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 4];
    all[0] = "--home";
    all[1] = home.toString();
    all[2] = "admin";
    all[3] = "held";
    System.arraycopy(args, 0, all, 4, args.length);
    int status = cl.execute(all);
    assertThat(status).as("kdcmail admin held: %s", err).isZero();
    return out.toString();
  }

  private static byte[] single(List<byte[]> box) {
    assertThat(box).hasSize(1);
    return box.get(0);
  }
}
