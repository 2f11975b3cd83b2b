package org.kdcmail.mime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Test corpus of RFC 5322 messages. Every message carries the markers {@link #SUBJECT}, {@link
 * #BODY} and (where it has an attachment) {@link #FILE} so leak scans can look for them.
 */
final class Corpus {
  static final String SUBJECT = "SECRET-SUBJECT-7f3a";
  static final String BODY = "BODYTEXT-7f3a";
  static final String FILE = "Layoffs-7f3a";

  private Corpus() {}

  static String head(String subject, String extra) {
    return "From: Alice <alice@corp.example>\r\n"
        + "To: Bob <bob@corp.example>\r\n"
        + "Cc: carol@corp.example\r\n"
        + "Date: Sat, 21 Nov 2026 10:00:00 +0000\r\n"
        + "Message-ID: <m1.7f3b@corp.example>\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "In-Reply-To: <parent-7f3a@corp.example>\r\n"
        + "X-Mailer: TestMailer 1.0\r\n"
        + "MIME-Version: 1.0\r\n"
        + extra;
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String b64(byte[] data) {
    return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(data);
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static Map<String, byte[]> messages() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(
        "7bit",
        b(
            head(
                SUBJECT,
                "Content-Type: text/plain; charset=us-ascii\r\n"
                    + "Content-Transfer-Encoding: 7bit\r\n\r\nHello Bob, "
                    + BODY
                    + "\r\n")));
    m.put(
        "8bit",
        b(
            head(
                SUBJECT,
                "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße, Ζεύς, 日本語 "
                    + BODY
                    + "\r\n")));
    m.put(
        "quoted-printable",
        b(
            head(
                SUBJECT,
                "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe "
                    + BODY
                    + " a very long line that is soft=\r\n broken=3D\r\n")));
    m.put(
        "base64",
        b(
            head(
                SUBJECT,
                "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + b64(b("text " + BODY))
                    + "\r\n")));
    m.put(
        "alternative",
        b(
            head(
                SUBJECT,
                "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                    + "--alt\r\nContent-Type: text/plain\r\n\r\n"
                    + BODY
                    + "\r\n"
                    + "--alt\r\nContent-Type: text/html\r\n\r\n<p>"
                    + BODY
                    + "</p>\r\n--alt--\r\n")));
    m.put(
        "related-inline-image",
        b(
            head(
                SUBJECT,
                "Content-Type: multipart/related; boundary=\"rel\"; type=\"text/html\"\r\n\r\n"
                    + "--rel\r\nContent-Type: text/html\r\n\r\n<img src=\"cid:img1\">"
                    + BODY
                    + "\r\n"
                    + "--rel\r\nContent-Type: image/png\r\nContent-ID: <img1>\r\n"
                    + "Content-Disposition: inline; filename=\""
                    + FILE
                    + ".png\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + b64(random(3000, 1))
                    + "\r\n--rel--\r\n")));
    m.put(
        "nested-mixed-rfc2231",
        b(
            head(
                SUBJECT,
                "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                    + "preamble\r\n--outer\r\nContent-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n"
                    + "--inner\r\nContent-Type: text/plain\r\n\r\n"
                    + BODY
                    + "\r\n--inner\r\n"
                    + "Content-Type: application/octet-stream\r\n"
                    + "Content-Disposition: attachment;\r\n filename*=UTF-8''"
                    + FILE
                    + "-%E6%97%A5%E6%9C%AC.xlsx\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + b64(random(5000, 2))
                    + "\r\n--inner--\r\n"
                    + "--outer--\r\nepilogue\r\n")));
    m.put(
        "message-rfc822",
        b(
            head(
                SUBJECT,
                "Content-Type: multipart/mixed; boundary=\"fw\"\r\n\r\n"
                    + "--fw\r\nContent-Type: text/plain\r\n\r\nForwarded "
                    + BODY
                    + "\r\n--fw\r\n"
                    + "Content-Type: message/rfc822\r\n\r\n"
                    + head("inner " + SUBJECT, "\r\n")
                    + "inner body\r\n"
                    + "--fw--\r\n")));
    m.put(
        "rfc2047-japanese",
        b(
            head(
                "=?UTF-8?B?" + Base64.getEncoder().encodeToString(b("秘密の件名 " + SUBJECT)) + "?=",
                "Content-Type: text/plain\r\n\r\n" + BODY + "\r\n")));
    m.put(
        "rfc2047-russian-arabic",
        b(
            head(
                "=?UTF-8?Q?"
                    + "=D0=A1=D0=B5=D0=BA=D1=80=D0=B5=D1=82_"
                    + SUBJECT
                    + "?= =?UTF-8?B?"
                    + Base64.getEncoder().encodeToString(b("سري"))
                    + "?=",
                "Content-Type: text/plain\r\n\r\n" + BODY + "\r\n")));
    m.put("attachment-0B", b(attachment(new byte[0])));
    m.put("attachment-1B", b(attachment(new byte[] {42})));
    m.put(
        "bare-lf",
        b(
            head(SUBJECT, "Content-Type: text/plain\r\n\r\n").replace("\r\n", "\n")
                + BODY
                + "\nline two\n"));
    m.put(
        "mixed-line-endings",
        b(head(SUBJECT, "Content-Type: text/plain\n\r\n") + BODY + "\r\nb\nc\r"));
    m.put(
        "missing-final-boundary",
        b(
            head(
                SUBJECT,
                "Content-Type: multipart/mixed; boundary=\"nb\"\r\n\r\n"
                    + "--nb\r\nContent-Type: text/plain\r\n\r\n"
                    + BODY
                    + "\r\n")));
    m.put(
        "duplicate-headers",
        b(
            head(
                SUBJECT,
                "Subject: second "
                    + SUBJECT
                    + "\r\nTo: dave@corp.example\r\n"
                    + "Content-Type: text/plain\r\nContent-Type: text/html\r\n\r\n"
                    + BODY
                    + "\r\n")));
    m.put(
        "long-header-lines",
        b(
            head(
                SUBJECT + " " + "x".repeat(5000),
                "X-Long: "
                    + "y".repeat(20000)
                    + "\r\nReferences: "
                    + "<r@x> ".repeat(2000)
                    + "\r\n\r\n"
                    + BODY
                    + "\r\n")));
    m.put(
        "smime",
        b(
            head(
                SUBJECT,
                "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + b64(random(2000, 3))
                    + "\r\n")));
    m.put(
        "pgp-mime",
        b(
            head(
                SUBJECT,
                "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"pgp\"\r\n\r\n"
                    + "--pgp\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n--pgp\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n"
                    + b64(random(500, 4))
                    + "\r\n-----END PGP MESSAGE-----\r\n--pgp--\r\n")));
    m.put(
        "pgp-signed-only",
        b(
            head(
                SUBJECT,
                "Content-Type: multipart/signed; micalg=pgp-sha256; protocol=\"application/pgp-signature\"; boundary=\"s\"\r\n\r\n"
                    + "--s\r\nContent-Type: text/plain\r\n\r\n"
                    + BODY
                    + "\r\n--s\r\nContent-Type: application/pgp-signature\r\n\r\n"
                    + "-----BEGIN PGP SIGNATURE-----\r\nAAAA\r\n-----END PGP SIGNATURE-----\r\n--s--\r\n")));
    m.put("headers-only-no-body", b(head(SUBJECT, "")));
    m.put("empty", new byte[0]);
    m.put(
        "no-header-separator",
        b("Subject: " + SUBJECT + "\r\nthis line is not a header " + BODY + "\r\n"));
    return m;
  }

  static String attachment(byte[] data) {
    return head(
        SUBJECT,
        "Content-Type: multipart/mixed; boundary=\"a\"\r\n\r\n"
            + "--a\r\nContent-Type: text/plain\r\n\r\n"
            + BODY
            + "\r\n--a\r\n"
            + "Content-Type: application/octet-stream; name=\""
            + FILE
            + ".bin\"\r\n"
            + "Content-Disposition: attachment; filename=\""
            + FILE
            + ".bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + b64(data)
            + "\r\n--a--\r\n");
  }
}
