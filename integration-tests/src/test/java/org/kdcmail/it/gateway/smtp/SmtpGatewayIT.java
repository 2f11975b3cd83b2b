package org.kdcmail.it.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;
import static org.kdcmail.it.gateway.MailSystem.CAROL;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.it.gateway.TestMessages;
import org.kdcmail.mime.Verdict;

/**
 * The SMTP gateway end to end over real sockets: Jakarta Mail and raw SMTP dialogues against the
 * gateway, GreenMail as the office server, the real KDC. What the office server stores is checked
 * for leaks, and each recipient's copy is unwrapped with that recipient's real master key.
 */
class SmtpGatewayIT {
  @TempDir static Path folder;
  static SmtpGatewayFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new SmtpGatewayFixture(folder, b -> b);
    f.mail.unlock(ALICE);
    f.mail.unlock(BOB);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void jakartaMail_aliceToBob_officeSeesNoContent_bobUnwrapsTheOriginalBytes() throws Exception {
    byte[] original = TestMessages.withAttachment(ALICE, BOB);
    int before = f.mailbox(BOB).size();

    f.send(ALICE, original, BOB);

    List<byte[]> box = f.mailbox(BOB);
    assertThat(box).hasSize(before + 1);
    byte[] stored = box.get(box.size() - 1);
    String seen = new String(stored, StandardCharsets.ISO_8859_1);
    assertThat(seen)
        .doesNotContain(TestMessages.SUBJECT)
        .doesNotContain(TestMessages.BODY)
        .doesNotContain(TestMessages.ATTACHMENT)
        .contains("X-Kdcmail-Version: 1");
    SmtpGatewayFixture.Unwrapped u = f.unwrap(BOB, stored);
    assertThat(u.verdict().status()).isEqualTo(Verdict.Status.OK);
    assertThat(u.verdict().sender()).contains(ALICE);
    assertThat(u.bytes()).isEqualTo(original);
  }

  @Test
  void toCcBcc_eachReadsItsCopy_noCopyRevealsTheBccRecipient() throws Exception {
    byte[] original =
        TestMessages.plain(
            "to, cc and bcc",
            "From: Alice <" + ALICE + ">",
            "To: " + BOB,
            "Cc: " + ALICE,
            "Bcc: " + CAROL);
    int bob = f.mailbox(BOB).size();
    int alice = f.mailbox(ALICE).size();
    int carol = f.mailbox(CAROL).size();

    f.send(ALICE, original, BOB, ALICE, CAROL);

    byte[] bobCopy = last(f.mailbox(BOB), bob);
    byte[] aliceCopy = last(f.mailbox(ALICE), alice);
    byte[] carolCopy = last(f.mailbox(CAROL), carol);
    byte[] withoutBcc =
        new String(original, StandardCharsets.UTF_8)
            .replace("Bcc: " + CAROL + "\r\n", "")
            .getBytes(StandardCharsets.UTF_8);
    assertReads(BOB, bobCopy, withoutBcc);
    assertReads(ALICE, aliceCopy, withoutBcc);
    assertThat(fromVersionField(aliceCopy))
        .as("To and Cc share one copy")
        .isEqualTo(fromVersionField(bobCopy));
    SmtpGatewayFixture.Unwrapped c = f.unwrap(CAROL, carolCopy);
    assertThat(c.verdict().status()).isEqualTo(Verdict.Status.OK);
    assertThat(c.bytes()).isEqualTo(withoutBcc);
    assertThat(f.unwrap(CAROL, bobCopy).verdict().status())
        .as("the visible copy has no entry for the Bcc recipient")
        .isEqualTo(Verdict.Status.NOT_ADDRESSED_TO_YOU);
    assertThat(f.unwrap(BOB, carolCopy).verdict().status())
        .as("the Bcc copy is carol's alone")
        .isEqualTo(Verdict.Status.NOT_ADDRESSED_TO_YOU);
  }

  @Test
  void sendingAsBob_refusedAtMailFromAndAtFrom_nothingSent() throws Exception {
    int before = f.mailbox(CAROL).size();
    try (SmtpDialog d = new SmtpDialog(f.address())) {
      assertThat(d.login(ALICE, MailSystem.password(ALICE)).code()).isEqualTo(235);
      SmtpDialog.Reply mail = d.send("MAIL FROM:<" + BOB + ">");
      assertThat(mail.code()).isEqualTo(550);
      assertThat(mail.text()).contains("5.7.1").contains(ALICE);

      assertThat(d.send("MAIL FROM:<" + ALICE.toUpperCase() + ">").code()).isEqualTo(250);
      assertThat(d.send("RCPT TO:<" + CAROL + ">").code()).isEqualTo(250);
      SmtpDialog.Reply data = d.data(TestMessages.plain("forged", "From: " + BOB, "To: " + CAROL));
      assertThat(data.code()).isEqualTo(550);
      assertThat(data.text()).contains("5.7.1").contains("From");
    }
    assertThat(f.mailbox(CAROL)).hasSize(before);
  }

  @Test
  void wrongPassword_535() throws Exception {
    try (SmtpDialog d = new SmtpDialog(f.address())) {
      assertThat(d.login(ALICE, "not-alices-password").code()).isEqualTo(535);
      assertThat(d.send("MAIL FROM:<" + ALICE + ">").code()).isEqualTo(530);
    }
  }

  @Test
  void loginWithoutDomain_535() throws Exception {
    try (SmtpDialog d = new SmtpDialog(f.address())) {
      SmtpDialog.Reply r = d.login("alice", "alice");
      assertThat(r.code()).isEqualTo(535);
      assertThat(r.text()).contains("full mail address");
    }
  }

  @Test
  void oversizeMessage_552_andSizeAnnounced() throws Exception {
    long max = f.settings().limits().maxMessageBytes();
    try (SmtpDialog d = new SmtpDialog(f.address())) {
      SmtpDialog.Reply ehlo = d.send("EHLO test.example");
      assertThat(ehlo.text()).contains("SIZE " + max).contains("STARTTLS").contains("AUTH");
      d.login(ALICE, MailSystem.password(ALICE));
      assertThat(d.send("MAIL FROM:<" + ALICE + "> SIZE=" + (max + 1)).code()).isEqualTo(552);
    }
    int before = f.mailbox(BOB).size();
    try (SmtpDialog d = new SmtpDialog(f.address())) {
      d.login(ALICE, MailSystem.password(ALICE));
      assertThat(d.send("MAIL FROM:<" + ALICE + ">").code()).isEqualTo(250);
      assertThat(d.send("RCPT TO:<" + BOB + ">").code()).isEqualTo(250);
      String line = "x".repeat(998) + "\r\n";
      byte[] big =
          TestMessages.plain(
              line.repeat((int) (max / line.length()) + 2), "From: " + ALICE, "To: " + BOB);
      SmtpDialog.Reply r = d.data(big);
      assertThat(r.code()).isEqualTo(552);
      assertThat(d.send("NOOP").code()).as("the session goes on").isEqualTo(250);
    }
    assertThat(f.mailbox(BOB)).hasSize(before);
  }

  @Test
  void longLines_64KiB_accepted() throws Exception {
    byte[] original = TestMessages.plain("y".repeat(64 * 1024), "From: " + ALICE, "To: " + BOB);
    int before = f.mailbox(BOB).size();
    f.send(ALICE, original, BOB);
    byte[] stored = last(f.mailbox(BOB), before);
    assertThat(f.unwrap(BOB, stored).bytes()).isEqualTo(original);
  }

  private static byte[] last(List<byte[]> box, int before) {
    assertThat(box).hasSize(before + 1);
    return box.get(before);
  }

  private static void assertReads(String user, byte[] copy, byte[] expected) throws Exception {
    assertThat(new String(copy, StandardCharsets.ISO_8859_1)).doesNotContain(CAROL);
    SmtpGatewayFixture.Unwrapped u = f.unwrap(user, copy);
    assertThat(u.verdict().status()).isEqualTo(Verdict.Status.OK);
    assertThat(u.bytes()).isEqualTo(expected);
  }

  /** The wrapped copy from its version field on, without what the office server added on top. */
  private static String fromVersionField(byte[] stored) {
    String s = new String(stored, StandardCharsets.ISO_8859_1);
    return s.substring(s.indexOf("X-Kdcmail-Version"));
  }
}
