package org.kdcmail.it.gateway.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;
import static org.kdcmail.it.gateway.MailSystem.DAVE;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What bob receives through the POP3 gateway, byte for byte: decrypted originals, failures left
 * unchanged, nested envelopes left alone, outside X-Kdcmail fields removed, plaintext marked; LIST
 * sizes equal RETR byte counts; TOP; dot-stuffing round trips.
 */
class Pop3DecryptIT extends Pop3GatewayTestBase {
  private static final String ORIGINAL_BODY =
      "Hello Bob,\r\n.a line starting with a dot\r\n.\r\n..two dots\r\nthe end\r\n";

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The message as the office server serves it, straight from its POP3. */
  private byte[] direct(String user, int n) throws Exception {
    try (Pop3Dialogue d =
        Pop3Dialogue.login(
            new java.net.InetSocketAddress("127.0.0.1", f.system.office().getPop3().getPort()),
            user,
            user.substring(0, user.indexOf('@')))) {
      return d.retr(n);
    }
  }

  @Test
  void retr_wrappedMessage_returnsOriginalBytesUnderStatusHeader() throws Exception {
    byte[] original =
        Pop3Fixture.plain("Alice <" + ALICE + ">", BOB, "Quarterly numbers", "", ORIGINAL_BODY);
    byte[] wrapped = f.deliverEncrypted(original);
    assertThat(text(wrapped)).doesNotContain("Quarterly numbers").doesNotContain("Hello Bob");

    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      byte[] got = d.retr(1);
      String head = text(got).substring(0, text(got).indexOf("\r\n") + 2);
      assertThat(head).startsWith("X-Kdcmail-Status: decrypted; sender=" + ALICE + "; key-id=");
      assertThat(got).isEqualTo(concat(head.getBytes(StandardCharsets.UTF_8), original));
      assertThat(d.listSize(1)).isEqualTo(got.length);
    }
  }

  @Test
  void listAndStat_mixedMailbox_sizesEqualRetrByteCounts() throws Exception {
    f.deliverEncrypted(Pop3Fixture.plain(ALICE, BOB, "one", "", ORIGINAL_BODY));
    f.mail.deliver(DAVE, BOB, Pop3Fixture.plain(DAVE, BOB, "two", "", "plain\r\n.dot\r\n"));
    f.deliverEncrypted(
        Pop3Fixture.plain(ALICE, BOB, "three", "", "x".repeat(300_000) + "\r\nend\r\n"));

    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      String[] list = d.lines("LIST");
      assertThat(list).hasSize(3);
      long total = 0;
      for (int n = 1; n <= 3; n++) {
        long listed = Long.parseLong(list[n - 1].split(" ")[1]);
        assertThat(d.retr(n).length).as("message %d", n).isEqualTo(listed);
        total += listed;
      }
      assertThat(d.expectOk("STAT")).isEqualTo("+OK 3 " + total);
    }
  }

  @Test
  void top_wrappedMessage_givesDecryptedHeadersAndFirstLines() throws Exception {
    f.deliverEncrypted(
        Pop3Fixture.plain(ALICE, BOB, "Top secret plans", "", "line one\r\nline two\r\n"));
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      d.expectOk("TOP 1 1");
      String top = text(d.body());
      assertThat(top)
          .startsWith("X-Kdcmail-Status: decrypted; sender=" + ALICE)
          .contains("Subject: Top secret plans")
          .contains("line one")
          .doesNotContain("line two");
    }
  }

  @Test
  void retr_tamperedCiphertext_returnedUnchangedMarkedFailed() throws Exception {
    byte[] wrapped =
        f.mail.wrap(ALICE, List.of(BOB), Pop3Fixture.plain(ALICE, BOB, "tamper", "", "secret\r\n"));
    String w = text(wrapped);
    int ct = w.lastIndexOf("Content-Transfer-Encoding: base64\r\n\r\n") + 37;
    char c = w.charAt(ct + 10);
    byte[] tampered =
        (w.substring(0, ct + 10) + (c == 'A' ? 'B' : 'A') + w.substring(ct + 11))
            .getBytes(StandardCharsets.US_ASCII);
    f.mail.deliver(ALICE, BOB, tampered);

    byte[] served = direct(BOB, 1);
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      byte[] got = d.retr(1);
      String expected =
          "X-Kdcmail-Status: failed (failed integrity check)\r\n"
              + text(served).replaceAll("(?mi)^X-Kdcmail-Version:[^\r\n]*\r\n", "");
      assertThat(text(got)).isEqualTo(expected).doesNotContain("secret");
    }
  }

  @Test
  void retr_envelopeNestedInPlaintext_notDecrypted() throws Exception {
    byte[] wrapped =
        f.mail.wrap(ALICE, List.of(BOB), Pop3Fixture.plain(ALICE, BOB, "inner", "", "hidden\r\n"));
    String outer =
        "From: "
            + DAVE
            + "\r\nTo: "
            + BOB
            + "\r\nSubject: fwd\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            + "--b1\r\nContent-Type: message/rfc822\r\n\r\n"
            + text(wrapped)
            + "\r\n--b1--\r\n";
    f.mail.deliver(DAVE, BOB, outer.getBytes(StandardCharsets.US_ASCII));

    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      String got = text(d.retr(1));
      assertThat(got)
          .startsWith("X-Kdcmail-Status: not encrypted\r\n")
          .doesNotContain("hidden")
          .contains("X-Kdcmail-Version: 1"); // the nested envelope is left as it is
    }
  }

  @Test
  void retr_spoofedStatusFromOutside_removed() throws Exception {
    byte[] spoof =
        Pop3Fixture.plain(
            DAVE,
            BOB,
            "trust me",
            "X-Kdcmail-Status: decrypted; sender=alice@example.test; key-id=forged\r\n"
                + "x-kdcmail-warning: none\r\n folded on\r\n",
            "body\r\n");
    f.mail.deliver(DAVE, BOB, spoof);
    byte[] served = direct(BOB, 1);
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      String got = text(d.retr(1));
      assertThat(got)
          .startsWith("X-Kdcmail-Status: not encrypted\r\n")
          .doesNotContain("key-id=forged")
          .doesNotContain("folded on")
          .doesNotContainIgnoringCase("x-kdcmail-warning: none");
      assertThat(got.split("X-Kdcmail-Status", -1)).hasSize(2);
      assertThat(text(served)).contains("key-id=forged");
    }
  }

  @Test
  void retr_plaintextFromEnrolledSender_markedWithWarning() throws Exception {
    f.mail.deliver(ALICE, BOB, Pop3Fixture.plain(ALICE, BOB, "stripped?", "", "hi\r\n"));
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      String got = text(d.retr(1));
      assertThat(got)
          .startsWith("X-Kdcmail-Status: not encrypted\r\nX-Kdcmail-Warning: not encrypted,");
    }
  }

  @Test
  void retr_plaintextFromOutsideDomain_notEncryptedWithoutWarning() throws Exception {
    String eve = "eve@outside.example";
    f.mail.deliver(eve, BOB, Pop3Fixture.plain(eve, BOB, "hello from outside", "", "hi\r\n"));
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      String got = text(d.retr(1));
      assertThat(got).startsWith("X-Kdcmail-Status: not encrypted\r\n").doesNotContain("Warning");
    }
  }

  @Test
  void retr_sameEnvelopeTwiceInMailbox_secondMarkedDuplicate() throws Exception {
    byte[] wrapped = f.deliverEncrypted(Pop3Fixture.plain(ALICE, BOB, "once", "", "hi\r\n"));
    f.mail.deliver(ALICE, BOB, wrapped);
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      assertThat(text(d.retr(1))).startsWith("X-Kdcmail-Status: decrypted; sender=");
      assertThat(text(d.retr(2)))
          .startsWith("X-Kdcmail-Status: decrypted; duplicate; sender=")
          .contains("X-Kdcmail-Warning: duplicate");
    }
    // the same stored message read again in a new session is not a replay
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      assertThat(text(d.retr(1))).startsWith("X-Kdcmail-Status: decrypted; sender=");
    }
    assertThat(
            f.registry.get("kdcmail.pop3.retrievals").tag("status", "duplicate").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void retr_largeWrappedMessage_spooledAndExact() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; body.size() < 3_000_000; i++) {
      body.writeBytes(
          ("line " + i + " " + "y".repeat(70) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    byte[] original =
        Pop3Fixture.plain(ALICE, BOB, "big", "", body.toString(StandardCharsets.US_ASCII));
    f.deliverEncrypted(original);
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      byte[] got = d.retr(1);
      String head = text(Arrays.copyOf(got, 200));
      head = head.substring(0, head.indexOf("\r\n") + 2);
      assertThat(got).isEqualTo(concat(head.getBytes(StandardCharsets.UTF_8), original));
      assertThat(d.listSize(1)).isEqualTo(got.length);
    }
  }
}
