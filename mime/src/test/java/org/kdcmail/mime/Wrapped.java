package org.kdcmail.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;

/** Test helper: takes a wrapped message apart into its decoded parts and puts it back together. */
record Wrapped(String head, String boundary, byte[] envelope, byte[] ciphertext) {

  static Wrapped parse(byte[] wrapped) {
    String s = new String(wrapped, StandardCharsets.ISO_8859_1);
    int b = s.indexOf("boundary=\"") + 10;
    String boundary = s.substring(b, s.indexOf('"', b));
    String delim = "--" + boundary + "\r\n";
    int p1 = s.indexOf(delim);
    int p1body = s.indexOf("\r\n\r\n", p1) + 4;
    int p2 = s.indexOf(delim, p1body);
    int p2body = s.indexOf("\r\n\r\n", p2) + 4;
    int end = s.indexOf("--" + boundary + "--", p2body);
    return new Wrapped(
        s.substring(0, p1),
        boundary,
        Base64.getMimeDecoder().decode(s.substring(p1body, p2)),
        Base64.getMimeDecoder().decode(s.substring(p2body, end)));
  }

  byte[] rebuild(byte[] env, byte[] ct) {
    Base64.Encoder enc = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});
    String s =
        head
            + "--"
            + boundary
            + "\r\n"
            + "Content-Type: application/vnd.kdcmail.envelope\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + enc.encodeToString(env)
            + (env.length > 0 ? "\r\n" : "")
            + "--"
            + boundary
            + "\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + enc.encodeToString(ct)
            + (ct.length > 0 ? "\r\n" : "")
            + "--"
            + boundary
            + "--\r\n";
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  byte[] rebuild() {
    return rebuild(envelope, ciphertext);
  }

  /** Result of one unwrap: verdict and bytes written. */
  record Result(Verdict verdict, byte[] out) {}

  static Result unwrap(
      byte[] wrapped, String recipient, TicketOpener opener, Path spool, MailUnwrapper u)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Verdict v = u.unwrap(new ByteArrayInputStream(wrapped), recipient, opener, out, spool);
    return new Result(v, out.toByteArray());
  }

  static MailUnwrapper plainUnwrapper() {
    return MailUnwrapper.create(Clock.systemUTC(), RevocationCheck.NONE, SeenKeyIds.NONE);
  }

  static byte[] wrap(byte[] original, SessionMaterial m, WrapOptions o) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MailWrapper.wrap(new ByteArrayInputStream(original), out, m, o);
    return out.toByteArray();
  }
}
