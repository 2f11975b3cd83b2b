package org.kdcmail.kdc.protocol.session;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.kdcmail.kdc.protocol.confirm.ConfirmationChallenge;
import org.kdcmail.kdc.protocol.confirm.KeyConfirmation;

/**
 * Arbitrary bytes into every session decoder: request (sender peek and open), reply, ticket, fetch
 * request (peek and open), fetch reply, key-confirmation challenge and answer. The only exception
 * allowed is {@link SessionException}. Runs as a regression test with its seeds and fuzzes in the
 * {@code fuzz-session-decoders} execution of {@code kdc/protocol/pom.xml}.
 */
class SessionDecodersFuzzTest {

  private static final Fixture F = fixture();
  private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  private static Fixture fixture() {
    try {
      return new Fixture().run();
    } catch (SessionException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void sessionDecoders_arbitraryBytes_onlySessionException(FuzzedDataProvider data) {
    int which = data.consumeInt(0, 11);
    byte[] in = data.consumeRemainingAsBytes();
    try {
      switch (which) {
        case 0 -> SessionRequestOpener.sender(in);
        case 1 -> SessionRequestOpener.open(in, F.alice.masterKey());
        case 2 ->
            SessionKeyClient.request(F.alice, F.recipients, CLOCK, new TestRandom("fuzz"))
                .openReply(in);
        case 3 -> SessionKeyClient.openTicket(in, F.bob, CLOCK);
        case 4 -> TicketFetch.recipient(in);
        case 5 -> TicketFetch.open(in, F.bob.masterKey());
        case 6 ->
            TicketFetch.request(F.bob, Fixture.KEY_ID, CLOCK, new TestRandom("fuzz")).openReply(in);
        case 7 -> KeyConfirmation.answer(in, F.kab, Fixture.ALICE, Fixture.BOB);
        case 9 -> DirectoryLookup.requester(in);
        case 10 -> DirectoryLookup.open(in, F.alice.masterKey());
        case 11 ->
            DirectoryLookup.request(F.alice, F.recipients, CLOCK, new TestRandom("fuzz"))
                .openReply(in);
        default -> {
          ConfirmationChallenge c =
              KeyConfirmation.challenge(F.kab, Fixture.ALICE, Fixture.BOB, new TestRandom("fuzz"));
          KeyConfirmation.verifyAnswer(in, c, F.kab, Fixture.ALICE, Fixture.BOB);
        }
      }
    } catch (SessionException expected) {
      // the documented outcome for invalid input
    }
  }
}
