package org.kdcmail.kdc.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kdcmail.kdc.protocol.session.Fixture.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;

class SessionKeysTest {

  interface Opener {
    void open(byte[] bytes) throws Exception;
  }

  /** Flips every bit of {@code message} in turn; each variant must be refused. */
  static void everyBitFlipRejected(byte[] message, Opener opener) {
    for (int i = 0; i < message.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] t = message.clone();
        t[i] ^= (byte) (1 << bit);
        int at = i;
        assertThatThrownBy(() -> opener.open(t))
            .as("flip byte %d bit %d", at, bit)
            .isInstanceOf(SessionException.class);
      }
    }
  }

  static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  @Test
  void roundTrip_requestReplyTickets_everyoneGetsTheSameKeys() throws Exception {
    Fixture f = new Fixture().run();
    SessionGrant grant = f.client.openReply(f.sealed.reply());
    assertThat(grant.sessionKey()).isEqualTo(f.ks);
    assertThat(grant.keyId()).isEqualTo(KEY_ID);
    assertThat(grant.unknownRecipients()).containsExactly(DAVE);
    assertThat(grant.tickets()).extracting(RecipientTicket::recipient).containsExactly(BOB, CAROL);
    assertThat(grant.notAfter()).isEqualTo(T0.plus(LIFETIME));
    for (RecipientTicket rt : grant.tickets()) {
      UserKey who = rt.recipient().equals(BOB) ? f.bob : f.carol;
      OpenedTicket t = SessionKeyClient.openTicket(rt.ticket(), who, f.clock);
      assertThat(t.sessionKey()).isEqualTo(f.ks);
      assertThat(t.pairwiseKey()).isEqualTo(rt.pairwiseKey());
      assertThat(t.sender()).isEqualTo(ALICE);
      assertThat(t.recipients()).containsExactly(BOB, CAROL, DAVE);
      assertThat(t.keyId()).isEqualTo(KEY_ID);
    }
    assertThat(grant.tickets().get(0).pairwiseKey()).isEqualTo(f.kab).isNotEqualTo(f.kac);
    grant.destroy();
    assertThat(grant.sessionKey().isDestroyed()).isTrue();
  }

  @Test
  void openRequest_givesBodyAsSent() throws Exception {
    Fixture f = new Fixture().run();
    SessionKeyRequest r = SessionRequestOpener.open(f.client.requestBytes(), f.alice.masterKey());
    assertThat(r.sender()).isEqualTo(ALICE);
    assertThat(r.recipients()).containsExactly(BOB, CAROL, DAVE);
    assertThat(r.nonce()).isEqualTo(f.client.sent().nonce());
    assertThat(r.timestamp()).isEqualTo(T0);
  }

  @Test
  void openRequest_wrongMasterKey_rejected() throws Exception {
    Fixture f = new Fixture().run();
    assertThatThrownBy(() -> SessionRequestOpener.open(f.client.requestBytes(), f.bob.masterKey()))
        .hasMessage(SessionException.REJECTED);
  }

  @Test
  void ticketForBob_cannotBeOpenedWithCarolsMasterKey() throws Exception {
    Fixture f = new Fixture().run();
    byte[] ticket = f.ticket(BOB);
    assertThatThrownBy(
            () ->
                SessionKeyClient.openTicket(ticket, new UserKey(BOB, f.carol.masterKey()), f.clock))
        .hasMessage(SessionException.REJECTED);
    assertThatThrownBy(() -> SessionKeyClient.openTicket(ticket, f.carol, f.clock))
        .hasMessage(SessionException.WRONG_RECIPIENT);
  }

  @Test
  void request_everyBitFlip_rejected() throws Exception {
    Fixture f = new Fixture().run();
    everyBitFlipRejected(
        f.client.requestBytes(), b -> SessionRequestOpener.open(b, f.alice.masterKey()));
  }

  @Test
  void reply_everyBitFlip_rejected_thenGenuineAccepted() throws Exception {
    Fixture f = new Fixture().run();
    everyBitFlipRejected(f.sealed.reply(), f.client::openReply);
    assertThat(f.client.openReply(f.sealed.reply()).sessionKey()).isEqualTo(f.ks);
  }

  @Test
  void ticket_everyBitFlip_rejected() throws Exception {
    Fixture f = new Fixture().run();
    everyBitFlipRejected(f.ticket(BOB), b -> SessionKeyClient.openTicket(b, f.bob, f.clock));
  }

  @Test
  void truncatedOrExtended_rejected() throws Exception {
    Fixture f = new Fixture().run();
    byte[] reply = f.sealed.reply();
    for (int n = 0; n < reply.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(reply, n);
      assertThatThrownBy(() -> f.client.openReply(cut)).isInstanceOf(SessionException.class);
    }
    byte[] longer = java.util.Arrays.copyOf(reply, reply.length + 1);
    assertThatThrownBy(() -> f.client.openReply(longer)).isInstanceOf(SessionException.class);
  }

  @Test
  void replayedReply_forAnotherRequest_nonceMismatch() throws Exception {
    Fixture old = new Fixture().run();
    SessionKeyClient fresh =
        SessionKeyClient.request(
            old.alice, old.recipients, old.clock, new TestRandom("another request"));
    assertThatThrownBy(() -> fresh.openReply(old.sealed.reply()))
        .hasMessage(SessionException.NONCE_MISMATCH);
  }

  @Test
  void secondReply_forSameRequest_refused() throws Exception {
    Fixture f = new Fixture().run();
    f.client.openReply(f.sealed.reply());
    assertThatThrownBy(() -> f.client.openReply(f.sealed.reply()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reply_withOtherRecipients_replyMismatch() throws Exception {
    Fixture f = new Fixture().run();
    SessionKeyClient other =
        SessionKeyClient.request(f.alice, List.of(BOB), f.clock, new TestRandom("x"));
    SessionKeyRequest opened = SessionRequestOpener.open(other.requestBytes(), f.alice.masterKey());
    SessionKeyRequest lying =
        new SessionKeyRequest(ALICE, List.of(BOB, CAROL), opened.nonce(), opened.timestamp());
    SealedReply r =
        SessionReplySealer.seal(
            lying,
            f.alice.masterKey(),
            f.ks,
            KEY_ID,
            T0,
            T0.plus(LIFETIME),
            List.of(),
            f.kdcRandom);
    assertThatThrownBy(() -> other.openReply(r.reply()))
        .hasMessage(SessionException.REPLY_MISMATCH);
  }

  @Test
  void reply_alreadyExpired_rejected() throws Exception {
    Fixture f = new Fixture().run();
    SessionKeyClient late =
        SessionKeyClient.request(f.alice, List.of(BOB), at(T0.plus(LIFETIME)), new TestRandom("y"));
    SessionKeyRequest opened = SessionRequestOpener.open(late.requestBytes(), f.alice.masterKey());
    SealedReply r =
        SessionReplySealer.seal(
            opened,
            f.alice.masterKey(),
            f.ks,
            KEY_ID,
            T0,
            T0.plus(LIFETIME),
            List.of(),
            f.kdcRandom);
    assertThatThrownBy(() -> late.openReply(r.reply())).hasMessage(SessionException.EXPIRED);
  }

  @Test
  void ticket_expiredBeyondSkew_rejected_withinSkew_accepted() throws Exception {
    Fixture f = new Fixture().run();
    Instant end = T0.plus(LIFETIME);
    assertThat(SessionKeyClient.openTicket(f.ticket(BOB), f.bob, at(end.plusSeconds(299))))
        .isNotNull();
    assertThatThrownBy(
            () -> SessionKeyClient.openTicket(f.ticket(BOB), f.bob, at(end.plusSeconds(301))))
        .hasMessage(SessionException.EXPIRED);
    assertThatThrownBy(
            () -> SessionKeyClient.openTicket(f.ticket(BOB), f.bob, at(T0.minusSeconds(301))))
        .hasMessage(SessionException.NOT_YET_VALID);
  }

  @Test
  void typeConfusion_replyAsTicket_ticketAsReply_requestAsFetch_rejected() throws Exception {
    Fixture f = new Fixture().run();
    assertThatThrownBy(() -> SessionKeyClient.openTicket(f.sealed.reply(), f.bob, f.clock))
        .isInstanceOf(SessionException.class);
    assertThatThrownBy(() -> f.client.openReply(f.ticket(BOB)))
        .isInstanceOf(SessionException.class);
    assertThatThrownBy(() -> TicketFetch.open(f.client.requestBytes(), f.alice.masterKey()))
        .isInstanceOf(SessionException.class);
    // Same body under the reply label instead of the request label: different subkey and AAD.
    byte[] relabelled = f.client.requestBytes();
    relabelled[1] = SessionMessageType.FETCH_REQUEST.code();
    assertThatThrownBy(() -> TicketFetch.open(relabelled, f.alice.masterKey()))
        .isInstanceOf(SessionException.class);
  }

  @Test
  void ticketFetch_roundTrip_andEveryBitFlipRejected() throws Exception {
    Fixture f = new Fixture().run();
    TicketFetch fetch = TicketFetch.request(f.bob, KEY_ID, f.clock, new TestRandom("fetch"));
    byte[] req = fetch.requestBytes();
    assertThat(TicketFetch.recipient(req)).isEqualTo(BOB);
    TicketFetchRequest opened = TicketFetch.open(req, f.bob.masterKey());
    assertThat(opened.keyId()).isEqualTo(KEY_ID);
    assertThat(opened.timestamp()).isEqualTo(T0);
    byte[] reply = TicketFetch.sealReply(opened, f.bob.masterKey(), f.ticket(BOB), f.kdcRandom);
    everyBitFlipRejected(req, b -> TicketFetch.open(b, f.bob.masterKey()));
    everyBitFlipRejected(reply, fetch::openReply);
    byte[] ticket = fetch.openReply(reply);
    assertThat(SessionKeyClient.openTicket(ticket, f.bob, f.clock).sessionKey()).isEqualTo(f.ks);
  }

  @Test
  void ticketFetch_replayedReplyForAnotherFetch_nonceMismatch() throws Exception {
    Fixture f = new Fixture().run();
    TicketFetch first = TicketFetch.request(f.bob, KEY_ID, f.clock, new TestRandom("f1"));
    byte[] reply =
        TicketFetch.sealReply(
            TicketFetch.open(first.requestBytes(), f.bob.masterKey()),
            f.bob.masterKey(),
            f.ticket(BOB),
            f.kdcRandom);
    TicketFetch second = TicketFetch.request(f.bob, KEY_ID, f.clock, new TestRandom("f2"));
    assertThatThrownBy(() -> second.openReply(reply)).hasMessage(SessionException.NONCE_MISMATCH);
  }

  @Test
  void clockSkew_412s_namesTheSkew_300sAccepted() {
    Instant now = T0;
    ErrorFrame e = ClockSkew.DEFAULT.check(now.minusSeconds(412), now).orElseThrow();
    assertThat(e.message()).isEqualTo("clock skew 412 s exceeds 300 s");
    assertThat(e.code()).isEqualTo(0x0203);
    assertThat(SessionErrorCodes.reasonOf(e.code())).contains(SessionError.CLOCK_SKEW);
    assertThat(ClockSkew.DEFAULT.check(now.plusSeconds(300), now)).isEmpty();
    assertThat(ClockSkew.DEFAULT.check(now.plusSeconds(301), now)).isPresent();
  }

  @Test
  void errorCodes_distinctRange() {
    for (SessionError r : SessionError.values()) {
      assertThat(SessionErrorCodes.wireCode(r)).isBetween(0x0201, 0x02FF);
    }
    assertThat(SessionErrorCodes.reasonOf(0x0105)).isEmpty();
  }

  @Test
  void request_limits_enforced() {
    Fixture f = new Fixture();
    Consumer<List<String>> req = l -> SessionKeyClient.request(f.alice, l, f.clock, f.clientRandom);
    assertThatThrownBy(() -> req.accept(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> req.accept(List.of(BOB, BOB)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> req.accept(List.of("x".repeat(321))))
        .isInstanceOf(IllegalArgumentException.class);
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add("r" + i + "@example.test");
    }
    assertThatThrownBy(() -> req.accept(many)).isInstanceOf(IllegalArgumentException.class);
    req.accept(many.subList(0, 100));
  }
}
