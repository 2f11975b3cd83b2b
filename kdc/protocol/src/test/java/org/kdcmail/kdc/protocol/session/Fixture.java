package org.kdcmail.kdc.protocol.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.kdcmail.kdc.protocol.MasterKey;

/** A deterministic issuance: Alice → Bob, Carol, and an unknown Dave. */
final class Fixture {
  static final String ALICE = "alice@example.test";
  static final String BOB = "bob@example.test";
  static final String CAROL = "carol@example.test";
  static final String DAVE = "dave@example.test";
  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
  static final Duration LIFETIME = Duration.ofHours(8);
  static final SessionKeyId KEY_ID = SessionKeyId.ofText("0123456789abcdef0123456789abcdef-42");

  final UserKey alice = new UserKey(ALICE, mk("alice"));
  final UserKey bob = new UserKey(BOB, mk("bob"));
  final UserKey carol = new UserKey(CAROL, mk("carol"));
  final TestRandom clientRandom = new TestRandom("kdcmail-test session client");
  final TestRandom kdcRandom = new TestRandom("kdcmail-test session kdc");
  final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  final List<String> recipients = List.of(BOB, CAROL, DAVE);
  SessionKeyClient client;
  SessionKey ks;
  PairwiseKey kab;
  PairwiseKey kac;
  SealedReply sealed;

  static MasterKey mk(String name) {
    return MasterKey.copyOf(sha("kdcmail-test master key " + name));
  }

  static byte[] sha(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Fixture run() throws SessionException {
    client = SessionKeyClient.request(alice, recipients, clock, clientRandom);
    byte[] req = client.requestBytes();
    String sender = SessionRequestOpener.sender(req);
    SessionKeyRequest opened = SessionRequestOpener.open(req, alice.masterKey());
    if (!sender.equals(ALICE) || ClockSkew.DEFAULT.check(opened.timestamp(), T0).isPresent()) {
      throw new IllegalStateException();
    }
    ks = SessionKey.copyOf(kdcRandom.next(32));
    kab = PairwiseKey.copyOf(kdcRandom.next(32));
    kac = PairwiseKey.copyOf(kdcRandom.next(32));
    List<RecipientGrant> grants = new ArrayList<>();
    grants.add(new RecipientGrant(BOB, bob.masterKey(), kab));
    grants.add(new RecipientGrant(CAROL, carol.masterKey(), kac));
    sealed =
        SessionReplySealer.seal(
            opened, alice.masterKey(), ks, KEY_ID, T0, T0.plus(LIFETIME), grants, kdcRandom);
    return this;
  }

  byte[] ticket(String who) {
    return sealed.tickets().get(who);
  }

  static byte[] u32(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }
}
