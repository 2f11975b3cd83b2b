package org.kdcmail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kdcmail.testing.RequiresProgram;

class MailRoundTripTest {

  static final String ALICE = "alice@corp.example";
  static final String BOB = "bob@corp.example";
  static final String CAROL = "carol@corp.example";

  @TempDir Path tmp;
  final TestKdc kdc = new TestKdc();

  static Stream<Arguments> corpus() {
    return Corpus.messages().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  private byte[] wrapForBobAndCarol(byte[] original, TestKdc.Issued issued) throws Exception {
    return Wrapped.wrap(
        original, TestKdc.material(issued), WrapOptions.builder().spoolDir(tmp).build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void unwrap_corpusMessage_byteIdenticalForEveryRecipient(String name, byte[] original)
      throws Exception {
    TestKdc.Issued issued = kdc.issue(ALICE, List.of(BOB, CAROL));
    byte[] wrapped = wrapForBobAndCarol(original, issued);
    for (String r : List.of(BOB, CAROL)) {
      Wrapped.Result res = Wrapped.unwrap(wrapped, r, kdc.opener(r), tmp, Wrapped.plainUnwrapper());
      assertThat(res.verdict().status()).isEqualTo(Verdict.Status.OK);
      assertThat(res.verdict().sender()).contains(ALICE);
      assertThat(res.verdict().keyId()).contains(issued.keyId());
      assertThat(res.out()).isEqualTo(original);
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("spool files removed").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void wrap_corpusMessage_leaksNoSubjectBodyOrFileName(String name, byte[] original)
      throws Exception {
    byte[] wrapped = wrapForBobAndCarol(original, kdc.issue(ALICE, List.of(BOB, CAROL)));
    String s = new String(wrapped, StandardCharsets.ISO_8859_1);
    assertThat(s)
        .doesNotContain(Corpus.SUBJECT)
        .doesNotContain(Corpus.BODY)
        .doesNotContain(Corpus.FILE)
        .doesNotContain("parent-7f3a")
        .doesNotContain("TestMailer")
        .doesNotContain("=?UTF-8?");
    if (original.length > 0 && name.startsWith("7bit")) {
      assertThat(s).contains("Subject: [encrypted message]\r\n");
    }
  }

  @Test
  void wrap_largeAttachment30MB_roundTripsAndLeaksNothing() throws Exception {
    byte[] original = Corpus.b(Corpus.attachment(Corpus.random(30 * 1024 * 1024, 7)));
    TestKdc.Issued issued = kdc.issue(ALICE, List.of(BOB));
    byte[] wrapped = wrapForBobAndCarol(original, issued);
    assertThat(new String(wrapped, StandardCharsets.ISO_8859_1)).doesNotContain(Corpus.FILE);
    Wrapped.Result res =
        Wrapped.unwrap(wrapped, BOB, kdc.opener(BOB), tmp, Wrapped.plainUnwrapper());
    assertThat(res.verdict().status()).isEqualTo(Verdict.Status.OK);
    assertThat(res.out()).isEqualTo(original);
  }

  @Test
  void wrap_outerHeaders_onlyRoutingPlusPlaceholderAndFormatHeaders() throws Exception {
    byte[] wrapped =
        wrapForBobAndCarol(Corpus.messages().get("7bit"), kdc.issue(ALICE, List.of(BOB, CAROL)));
    String head = Wrapped.parse(wrapped).head();
    List<String> names =
        head.lines()
            .filter(l -> !l.isEmpty() && !l.startsWith(" ") && l.contains(":"))
            .map(l -> l.substring(0, l.indexOf(':')))
            .takeWhile(n -> !n.startsWith("This message"))
            .toList();
    assertThat(names)
        .containsExactly(
            "From",
            "To",
            "Cc",
            "Date",
            "Message-ID",
            "Subject",
            "MIME-Version",
            "X-Kdcmail-Version",
            "Content-Type");
    assertThat(head)
        .contains(
            "\r\n\r\nThis message is encrypted with kdcmail; read it through your kdcmail"
                + " gateway.\r\n");
  }

  @Test
  void wrap_parsesAsValidMimeWithJakartaMail() throws Exception {
    byte[] wrapped =
        wrapForBobAndCarol(
            Corpus.messages().get("nested-mixed-rfc2231"), kdc.issue(ALICE, List.of(BOB, CAROL)));
    Wrapped parts = Wrapped.parse(wrapped);
    MimeMessage msg =
        new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wrapped));
    assertThat(msg.getContentType()).startsWith("multipart/encrypted");
    assertThat(msg.getSubject()).isEqualTo("[encrypted message]");
    assertThat(msg.getHeader("X-Kdcmail-Version")).containsExactly("1");
    MimeMultipart mp = (MimeMultipart) msg.getContent();
    assertThat(mp.isComplete()).isTrue();
    assertThat(mp.getCount()).isEqualTo(2);
    assertThat(mp.getPreamble()).contains("encrypted with kdcmail");
    assertThat(mp.getBodyPart(0).getContentType()).isEqualTo("application/vnd.kdcmail.envelope");
    assertThat(mp.getBodyPart(0).getInputStream().readAllBytes()).isEqualTo(parts.envelope());
    assertThat(mp.getBodyPart(1).getContentType()).isEqualTo("application/octet-stream");
    assertThat(mp.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(parts.ciphertext());
  }

  @Test
  @RequiresProgram("python3")
  void wrap_parsesAsValidMimeWithPythonEmail() throws Exception {
    byte[] wrapped =
        wrapForBobAndCarol(
            Corpus.messages().get("related-inline-image"), kdc.issue(ALICE, List.of(BOB, CAROL)));
    Path file = tmp.resolve("wrapped.eml");
    Files.write(file, wrapped);
    String script =
        String.join(
            "\n",
            "import email, sys",
            "from email import policy",
            "m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)",
            "assert m.get_content_type() == 'multipart/encrypted', m.get_content_type()",
            "assert m.get_param('protocol') == 'application/vnd.kdcmail.envelope'",
            "assert m['X-Kdcmail-Version'] == '1'",
            "assert m['Subject'] == '[encrypted message]'",
            "ps = list(m.iter_parts())",
            "assert [p.get_content_type() for p in ps] == ['application/vnd.kdcmail.envelope',"
                + " 'application/octet-stream'], ps",
            "assert not m.defects and not any(p.defects for p in ps), (m.defects,"
                + " [p.defects for p in ps])",
            "print(len(ps[0].get_payload(decode=True)), len(ps[1].get_payload(decode=True)))");
    Process p =
        new ProcessBuilder("python3", "-c", script, file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(output).isZero();
    Wrapped parts = Wrapped.parse(wrapped);
    assertThat(output).isEqualTo(parts.envelope().length + " " + parts.ciphertext().length);
  }

  @Test
  void wrap_smimeAndPgpInput_isWrappedNotRefused() throws Exception {
    Map<String, byte[]> c = Corpus.messages();
    for (String n : List.of("smime", "pgp-mime")) {
      byte[] wrapped = wrapForBobAndCarol(c.get(n), kdc.issue(ALICE, List.of(BOB)));
      assertThat(new String(wrapped, StandardCharsets.ISO_8859_1))
          .contains("protocol=\"application/vnd.kdcmail.envelope\"")
          .doesNotContain("pgp-encrypted")
          .doesNotContain("pkcs7");
    }
  }
}
