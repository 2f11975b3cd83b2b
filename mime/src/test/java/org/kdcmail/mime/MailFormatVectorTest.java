package org.kdcmail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.secrets.SecretBytes;

/**
 * The test vector of docs/mail-format.md: a wrap with fixed keys and fixed randomness must give
 * exactly {@code format-v1-vector.eml}, and that file must unwrap to the original. Regenerate (only
 * on a deliberate format change) with {@code -Dkdcmail.vectors.write=<dir>}.
 */
class MailFormatVectorTest {

  static final byte[] ORIGINAL =
      Corpus.b(
          "From: Alice <alice@example.org>\r\n"
              + "To: bob@example.org\r\n"
              + "Date: Sat, 21 Nov 2026 10:00:00 +0000\r\n"
              + "Message-ID: <vector-1@example.org>\r\n"
              + "Subject: Quarterly numbers\r\n"
              + "MIME-Version: 1.0\r\n"
              + "Content-Type: text/plain; charset=utf-8\r\n"
              + "\r\n"
              + "Hello Bob,\r\nthe numbers are attached. This line makes a second segment.\r\n");

  @TempDir Path tmp;

  static byte[] seq(int from, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  static SessionMaterial material() {
    return new SessionMaterial(
        "kid-0001",
        "alice@example.org",
        "kdc-1",
        SecretBytes.wrap(seq(0x00, 32)),
        List.of(
            new RecipientGrant(
                "bob@example.org",
                Corpus.b("opaque-ticket-for-bob"),
                SecretBytes.wrap(seq(0x20, 32)),
                Corpus.b("opaque-key-confirmation"))));
  }

  static WrapOptions options(Path spool) {
    int[] next = {0x40};
    return WrapOptions.builder()
        .segmentSizeBytes(64)
        .spoolDir(spool)
        .random(
            b -> {
              for (int i = 0; i < b.length; i++) {
                b[i] = (byte) next[0]++;
              }
            })
        .build();
  }

  @Test
  void wrap_fixedKeysAndRandomness_givesTheVectorByteForByte() throws Exception {
    byte[] wrapped = Wrapped.wrap(ORIGINAL, material(), options(tmp));
    String dir = System.getProperty("kdcmail.vectors.write");
    if (dir != null) {
      Files.write(Path.of(dir, "format-v1-vector.eml"), wrapped);
    }
    byte[] expected;
    try (InputStream in = getClass().getResourceAsStream("format-v1-vector.eml")) {
      expected = in.readAllBytes();
    }
    assertThat(new String(wrapped, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo(new String(expected, java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void unwrap_theVector_givesTheOriginal() throws Exception {
    byte[] vector;
    try (InputStream in = getClass().getResourceAsStream("format-v1-vector.eml")) {
      vector = in.readAllBytes();
    }
    TicketOpener opener =
        (ticket, who) -> {
          assertThat(ticket).isEqualTo(Corpus.b("opaque-ticket-for-bob"));
          return new OpenedTicket(
              "kid-0001",
              "alice@example.org",
              List.of("bob@example.org"),
              SecretBytes.wrap(seq(0x00, 32)),
              SecretBytes.wrap(seq(0x20, 32)),
              Instant.parse("2026-11-21T10:00:00Z"),
              Instant.parse("2126-11-21T10:00:00Z"));
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Verdict v =
        MailUnwrapper.create(Clock.systemUTC(), RevocationCheck.NONE, SeenKeyIds.NONE)
            .unwrap(new java.io.ByteArrayInputStream(vector), "bob@example.org", opener, out, tmp);
    assertThat(v.status()).isEqualTo(Verdict.Status.OK);
    assertThat(out.toByteArray()).isEqualTo(ORIGINAL);
  }

  @Test
  void copyKey_isHkdfSha256OfKsSaltAndKeyId() throws Exception {
    // RFC 5869 test case 1 checks the HKDF used for the copy key (first 32 bytes of OKM).
    byte[] okm =
        CopyCrypto.hkdfSha256(
            HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            HexFormat.of().parseHex("000102030405060708090a0b0c"),
            HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9"),
            32);
    assertThat(HexFormat.of().formatHex(okm))
        .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
  }
}
