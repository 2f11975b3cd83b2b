package org.kdcmail.kdc.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.kdc.protocol.session.Fixture.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
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
    Map<String, String> actual = compute();
    StringBuilder text = new StringBuilder();
    actual.forEach((name, value) -> text.append(name).append(" = ").append(value).append('\n'));
    Map<String, String> expected = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/vectors/session-v1.txt")) {
      String file = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : file.split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] kv = line.split(" = ", 2);
          expected.put(kv[0].trim(), kv[1].trim());
        }
      }
    }
    if (!expected.equals(actual)) {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/session-v1.actual.txt"), text);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void publishedDoc_containsEveryVectorLine() throws Exception {
    Path doc = Path.of("../../docs/protocol.md");
    Assumptions.assumeTrue(Files.exists(doc), "docs not beside the module");
    String text = Files.readString(doc);
    compute().forEach((name, value) -> assertThat(text).contains(name + " = " + value));
  }
}
