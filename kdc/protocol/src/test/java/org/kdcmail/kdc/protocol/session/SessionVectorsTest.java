package org.kdcmail.kdc.protocol.session;

import static org.kdcmail.kdc.protocol.session.Fixture.*;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.PublishedVectors;
import org.kdcmail.kdc.protocol.confirm.ConfirmationChallenge;
import org.kdcmail.kdc.protocol.confirm.KeyConfirmation;

/**
 * The deterministic run published in docs/protocol.md §5: recomputes every message and compares
 * with src/test/resources/vectors/session-v1.txt (actual values go to target/session-v1.actual.txt
 * on mismatch), and checks the doc contains every line.
 */
class SessionVectorsTest {

  static Map<String, String> compute() throws Exception {
    HexFormat hex = HexFormat.of();
    Fixture f = new Fixture().run();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("master_key_alice", hex.formatHex(f.alice.masterKey().copyBytes()));
    v.put("master_key_bob", hex.formatHex(f.bob.masterKey().copyBytes()));
    v.put("master_key_carol", hex.formatHex(f.carol.masterKey().copyBytes()));
    v.put("time_ms", Long.toString(T0.toEpochMilli()));
    v.put("key_id", hex.formatHex(KEY_ID.bytes()));
    v.put("nonce_a", hex.formatHex(f.client.sent().nonce()));
    v.put("session_key_request", hex.formatHex(f.client.requestBytes()));
    v.put("k_s", hex.formatHex(f.ks.copyBytes()));
    v.put("k_ab_bob", hex.formatHex(f.kab.copyBytes()));
    v.put("k_ab_carol", hex.formatHex(f.kac.copyBytes()));
    v.put("ticket_bob", hex.formatHex(f.ticket(BOB)));
    v.put("ticket_carol", hex.formatHex(f.ticket(CAROL)));
    v.put("session_key_reply", hex.formatHex(f.sealed.reply()));
    TicketFetch fetch = TicketFetch.request(f.bob, KEY_ID, f.clock, f.clientRandom);
    byte[] fetchReply =
        TicketFetch.sealReply(
            TicketFetch.open(fetch.requestBytes(), f.bob.masterKey()),
            f.bob.masterKey(),
            f.ticket(BOB),
            f.kdcRandom);
    v.put("ticket_fetch_request", hex.formatHex(fetch.requestBytes()));
    v.put("ticket_fetch_reply", hex.formatHex(fetchReply));
    ConfirmationChallenge c = KeyConfirmation.challenge(f.kab, ALICE, BOB, f.clientRandom);
    byte[] answer =
        KeyConfirmation.answer(
            c.message(), f.kab, ALICE, BOB, new TestRandom("kdcmail-test session recipient"));
    KeyConfirmation.verifyAnswer(answer, c, f.kab, ALICE, BOB);
    v.put("confirm_n", hex.formatHex(c.nonce()));
    v.put("confirm_challenge", hex.formatHex(c.message()));
    v.put("confirm_answer", hex.formatHex(answer));
    return v;
  }

  @Test
  void deterministicRun_matchesPublishedVectors() throws Exception {
    PublishedVectors.assertMatchesResource(compute(), "/vectors/session-v1.txt");
  }

  @Test
  void publishedDoc_containsEveryVectorLine() throws Exception {
    PublishedVectors.assertPublishedInProtocolDoc(compute());
  }
}
