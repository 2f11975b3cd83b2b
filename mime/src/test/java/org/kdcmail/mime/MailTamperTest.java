package org.kdcmail.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kdcmail.mime.MailRoundTripTest.ALICE;
import static org.kdcmail.mime.MailRoundTripTest.BOB;
import static org.kdcmail.mime.MailRoundTripTest.CAROL;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.secrets.SecretBytes;

class MailTamperTest {

  private static final int SEGMENT = 64;

  @TempDir Path tmp;
  final TestKdc kdc = new TestKdc();
  TestKdc.Issued issued;
  byte[] original;
  byte[] wrapped;
  Wrapped parts;

  @BeforeEach
  void wrapOne() throws Exception {
    issued = kdc.issue(ALICE, List.of(BOB, CAROL));
    original = Corpus.messages().get("7bit");
    wrapped = wrap(original, TestKdc.material(issued));
    parts = Wrapped.parse(wrapped);
    assertThat(parts.ciphertext().length).isGreaterThan(4 * (SEGMENT + 16));
  }

  private byte[] wrap(byte[] msg, SessionMaterial m) throws Exception {
    return Wrapped.wrap(
        msg, m, WrapOptions.builder().segmentSizeBytes(SEGMENT).spoolDir(tmp).build());
  }

  private Wrapped.Result unwrap(byte[] w, String who) throws Exception {
    return Wrapped.unwrap(w, who, kdc.opener(who), tmp, Wrapped.plainUnwrapper());
  }

  private void assertRejected(byte[] w, Verdict.Status status) throws Exception {
    Wrapped.Result r = unwrap(w, BOB);
    assertThat(r.verdict().status()).isEqualTo(status);
    assertThat(r.verdict().isReleased()).isFalse();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unwrap_untouched_ok() throws Exception {
    assertThat(unwrap(parts.rebuild(), BOB).out()).isEqualTo(original);
  }

  @Test
  void unwrap_everyCiphertextBitFlipped_rejectsWithoutPlaintext() throws Exception {
    byte[] ct = parts.ciphertext();
    for (int bit = 0; bit < ct.length * 8; bit++) {
      byte[] t = ct.clone();
      t[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(parts.rebuild(parts.envelope(), t), Verdict.Status.INTEGRITY);
    }
  }

  @Test
  void unwrap_everyEnvelopeBitFlipped_rejectsWithoutPlaintext() throws Exception {
    byte[] env = parts.envelope();
    for (int bit = 0; bit < env.length * 8; bit++) {
      byte[] t = env.clone();
      t[bit / 8] ^= (byte) (1 << (bit % 8));
      // Carol's authenticator (the last 32 bytes) concerns only Carol.
      String reader = bit < (env.length - 32) * 8 ? BOB : CAROL;
      Wrapped.Result r = unwrap(parts.rebuild(t, parts.ciphertext()), reader);
      assertThat(r.verdict().isReleased()).as("bit %d", bit).isFalse();
      assertThat(r.out()).isEmpty();
    }
  }

  private byte[][] segments() {
    byte[] ct = parts.ciphertext();
    int n = (ct.length + SEGMENT + 15) / (SEGMENT + 16);
    byte[][] s = new byte[n][];
    for (int i = 0; i < n; i++) {
      s[i] =
          Arrays.copyOfRange(ct, i * (SEGMENT + 16), Math.min(ct.length, (i + 1) * (SEGMENT + 16)));
    }
    return s;
  }

  private byte[] join(byte[]... segs) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] s : segs) {
      b.writeBytes(s);
    }
    return b.toByteArray();
  }

  @Test
  void unwrap_segmentsSwappedDroppedDuplicatedOrTruncated_rejects() throws Exception {
    byte[][] s = segments();
    int last = s.length - 1;
    byte[][] swapped = s.clone();
    swapped[0] = s[1];
    swapped[1] = s[0];
    byte[][] dropped = Arrays.copyOfRange(s, 1, s.length);
    byte[][] dropLast = Arrays.copyOf(s, last);
    byte[][] dup = Arrays.copyOf(s, s.length + 1);
    dup[s.length] = s[last];
    byte[][] dupMiddle = new byte[s.length + 1][];
    System.arraycopy(s, 0, dupMiddle, 0, 2);
    System.arraycopy(s, 1, dupMiddle, 2, s.length - 1);
    byte[] ct = parts.ciphertext();
    for (byte[] t :
        List.of(
            join(swapped),
            join(dropped),
            join(dropLast),
            join(dup),
            join(dupMiddle),
            Arrays.copyOf(ct, ct.length - 1),
            Arrays.copyOf(ct, ct.length - s[last].length + 8),
            new byte[0])) {
      assertRejected(parts.rebuild(parts.envelope(), t), Verdict.Status.INTEGRITY);
    }
  }

  @Test
  void unwrap_segmentSplicedFromAnotherCopyUnderSameKs_rejects() throws Exception {
    Wrapped other = Wrapped.parse(wrap(original, TestKdc.material(issued)));
    byte[] ct = parts.ciphertext().clone();
    System.arraycopy(other.ciphertext(), SEGMENT + 16, ct, SEGMENT + 16, SEGMENT + 16);
    assertRejected(parts.rebuild(parts.envelope(), ct), Verdict.Status.INTEGRITY);
  }

  @Test
  void unwrap_authenticatorEdited_rejects() throws Exception {
    byte[] env = parts.envelope().clone();
    for (int i = 1; i <= 64; i++) {
      byte[] t = env.clone();
      t[env.length - i] ^= 1;
      Wrapped.Result r = unwrap(parts.rebuild(t, parts.ciphertext()), i <= 32 ? CAROL : BOB);
      assertThat(r.verdict().status()).isEqualTo(Verdict.Status.INTEGRITY);
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void unwrap_outerMessageIdChanged_rejects() throws Exception {
    String s = new String(wrapped, StandardCharsets.ISO_8859_1);
    byte[] t =
        s.replace("<m1.7f3b@corp.example>", "<other@evil.example>")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertRejected(t, Verdict.Status.INTEGRITY);
  }

  @Test
  void unwrap_coRecipientForgesWithKsButNotPairwiseKey_rejectedByOtherRecipient() throws Exception {
    // Bob knows K_S (from his ticket) and sees Carol's ticket in the envelope, but not K_AC.
    // He builds a new message "from Alice" to Carol, using his own K_AB where K_AC belongs.
    byte[] forged = Corpus.b(Corpus.head("Pay Bob", "\r\n") + "pay bob now\r\n");
    RecipientGrant fake =
        new RecipientGrant(
            CAROL,
            issued.tickets().get(CAROL),
            SecretBytes.copyOf(issued.pairwiseKeys().get(BOB)),
            new byte[0]);
    SessionMaterial m =
        new SessionMaterial(
            issued.keyId(),
            ALICE,
            "kdc-test",
            SecretBytes.copyOf(issued.sessionKey()),
            List.of(fake));
    Wrapped.Result r = unwrap(wrap(forged, m), CAROL);
    assertThat(r.verdict().status()).isEqualTo(Verdict.Status.INTEGRITY);
    assertThat(r.out()).isEmpty();
    // Copying Carol's genuine authenticator onto new ciphertext fails too.
    Wrapped f = Wrapped.parse(wrap(forged, TestKdc.material(issued)));
    Wrapped.Result r2 = unwrap(f.rebuild(parts.envelope(), f.ciphertext()), CAROL);
    assertThat(r2.verdict().status()).isEqualTo(Verdict.Status.INTEGRITY);
  }

  @Test
  void unwrap_envelopeNestedInsideAnotherMessage_notKdcmail() throws Exception {
    String inner = new String(wrapped, StandardCharsets.ISO_8859_1);
    String efail =
        "From: mallory@evil.example\r\nTo: bob@corp.example\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\n"
            + "Content-Type: text/html\r\n\r\n<img src=\"http://127.0.0.1:9/x?\r\n--x\r\n"
            + "Content-Type: message/rfc822\r\n\r\n"
            + inner
            + "\r\n--x\r\n"
            + "Content-Type: text/html\r\n\r\n\">\r\n--x--\r\n";
    assertRejected(efail.getBytes(StandardCharsets.ISO_8859_1), Verdict.Status.NOT_KDCMAIL);
    assertRejected(original, Verdict.Status.NOT_KDCMAIL);
  }

  @Test
  void unwrap_readerNotInEnvelope_notAddressedToYou() throws Exception {
    Wrapped.Result r =
        Wrapped.unwrap(
            wrapped,
            "dave@corp.example",
            kdc.opener("dave@corp.example"),
            tmp,
            Wrapped.plainUnwrapper());
    assertThat(r.verdict().status()).isEqualTo(Verdict.Status.NOT_ADDRESSED_TO_YOU);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unwrap_unknownVersionHeaderOrByte_unknownVersion() throws Exception {
    String s = new String(wrapped, StandardCharsets.ISO_8859_1);
    assertRejected(
        s.replace("X-Kdcmail-Version: 1", "X-Kdcmail-Version: 2")
            .getBytes(StandardCharsets.ISO_8859_1),
        Verdict.Status.UNKNOWN_VERSION);
    byte[] env = parts.envelope().clone();
    env[4] = 2;
    assertRejected(parts.rebuild(env, parts.ciphertext()), Verdict.Status.UNKNOWN_VERSION);
  }

  @Test
  void unwrap_expiredTicket_ticketExpired() throws Exception {
    TestKdc.Issued old =
        kdc.issue(ALICE, List.of(BOB), Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(1));
    assertRejected(wrap(original, TestKdc.material(old)), Verdict.Status.TICKET_EXPIRED);
  }

  @Test
  void unwrap_revokedKey_keyRevoked() throws Exception {
    MailUnwrapper u =
        MailUnwrapper.create(Clock.systemUTC(), id -> id.equals(issued.keyId()), SeenKeyIds.NONE);
    Wrapped.Result r = Wrapped.unwrap(wrapped, BOB, kdc.opener(BOB), tmp, u);
    assertThat(r.verdict().status()).isEqualTo(Verdict.Status.KEY_REVOKED);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unwrap_ticketForOtherMessage_rejects() throws Exception {
    TestKdc.Issued other = kdc.issue(ALICE, List.of(BOB, CAROL));
    SessionMaterial m = TestKdc.material(issued);
    SessionMaterial swapped =
        new SessionMaterial(
            m.keyId(),
            m.sender(),
            m.kdcId(),
            m.sessionKey(),
            List.of(
                new RecipientGrant(
                    BOB,
                    other.tickets().get(BOB),
                    SecretBytes.copyOf(issued.pairwiseKeys().get(BOB)),
                    new byte[0])));
    assertRejected(wrap(original, swapped), Verdict.Status.INTEGRITY);
  }

  @Test
  void unwrap_sameKeyIdTwice_secondIsReplayButReleased() throws Exception {
    Set<String> seen = new HashSet<>();
    MailUnwrapper u =
        MailUnwrapper.create(Clock.systemUTC(), RevocationCheck.NONE, (k, r) -> seen.add(k + r));
    Wrapped.Result first = Wrapped.unwrap(wrapped, BOB, kdc.opener(BOB), tmp, u);
    Wrapped.Result second = Wrapped.unwrap(wrapped, BOB, kdc.opener(BOB), tmp, u);
    assertThat(first.verdict().status()).isEqualTo(Verdict.Status.OK);
    assertThat(second.verdict().status()).isEqualTo(Verdict.Status.REPLAY);
    assertThat(second.out()).isEqualTo(original);
    // A forged copy does not enter the cache.
    byte[] ct = parts.ciphertext().clone();
    ct[0] ^= 1;
    Set<String> seen2 = new HashSet<>();
    MailUnwrapper u2 =
        MailUnwrapper.create(Clock.systemUTC(), RevocationCheck.NONE, (k, r) -> seen2.add(k + r));
    Wrapped.unwrap(parts.rebuild(parts.envelope(), ct), BOB, kdc.opener(BOB), tmp, u2);
    assertThat(seen2).isEmpty();
  }

  @Test
  void wrap_kdcmailMessage_refusedNeverWrappedTwice() {
    assertThatThrownBy(() -> wrap(wrapped, TestKdc.material(issued)))
        .isInstanceOf(AlreadyEncryptedException.class);
  }

  @Test
  void wrap_destroysSessionAndPairwiseKeys() throws Exception {
    SessionMaterial m = TestKdc.material(issued);
    wrap(original, m);
    assertThat(m.sessionKey().isDestroyed()).isTrue();
    assertThat(m.grants()).allMatch(g -> g.pairwiseKey().isDestroyed());
  }

  @Test
  void wrap_bccCopies_nameOnlyTheirRecipientAndVisibleCopyHidesBcc() throws Exception {
    String dave = "dave@corp.example";
    TestKdc.Issued i = kdc.issue(ALICE, List.of(BOB, CAROL, dave));
    byte[] msg = Corpus.b(Corpus.head("hi", "Bcc: dave@corp.example\r\n\r\n") + "body\r\n");
    byte[] visible = wrap(msg, TestKdc.material(i, List.of(BOB, CAROL)));
    byte[] bcc = wrap(msg, TestKdc.material(i, List.of(dave)));
    assertThat(new String(visible, StandardCharsets.ISO_8859_1)).doesNotContain("dave");
    assertThat(new String(Wrapped.parse(visible).envelope(), StandardCharsets.ISO_8859_1))
        .doesNotContain("dave");
    String bccEnvelope = new String(Wrapped.parse(bcc).envelope(), StandardCharsets.ISO_8859_1);
    assertThat(bccEnvelope).contains(dave).doesNotContain(BOB).doesNotContain(CAROL);
    Wrapped.Result forBob = unwrap(visible, BOB);
    assertThat(new String(forBob.out(), StandardCharsets.ISO_8859_1))
        .doesNotContain("Bcc")
        .doesNotContain("dave");
    Wrapped.Result forDave =
        Wrapped.unwrap(bcc, dave, kdc.opener(dave), tmp, Wrapped.plainUnwrapper());
    assertThat(forDave.verdict().status()).isEqualTo(Verdict.Status.OK);
    assertThat(unwrap(bcc, BOB).verdict().status()).isEqualTo(Verdict.Status.NOT_ADDRESSED_TO_YOU);
    assertThat(Wrapped.parse(visible).envelope()).isNotEqualTo(Wrapped.parse(bcc).envelope());
  }
}
