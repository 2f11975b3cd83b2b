package org.kdcmail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.session.PairwiseKey;
import org.kdcmail.kdc.protocol.session.RecipientGrant;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKey;
import org.kdcmail.kdc.protocol.session.SessionKeyClient;
import org.kdcmail.kdc.protocol.session.SessionKeyId;
import org.kdcmail.kdc.protocol.session.SessionKeyRequest;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.SessionReplySealer;
import org.kdcmail.kdc.protocol.session.SessionRequestOpener;
import org.kdcmail.kdc.protocol.session.UserKey;

/** The mail format driven by real KDC messages: a grant wraps, real tickets unwrap. */
class KdcTicketsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";
  private static final String CAROL = "carol@example.test";

  @TempDir Path tmp;

  private static MasterKey randomKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return MasterKey.copyOf(bytes);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** What the KDC does for one request, in memory: open it, draw keys, seal reply and tickets. */
  private static SessionGrant issue(MasterKey alice, MasterKey bob, MasterKey carol)
      throws Exception {
    SessionRandom random = SessionRandom.of(RANDOM);
    SessionKeyClient client =
        SessionKeyClient.request(
            new UserKey(ALICE, alice), List.of(BOB, CAROL), Clock.systemUTC(), random);
    SessionKeyRequest request = SessionRequestOpener.open(client.requestBytes(), alice);
    Instant now = Instant.now();
    byte[] reply =
        SessionReplySealer.seal(
                request,
                alice,
                SessionKey.copyOf(randomBytes()),
                SessionKeyId.ofText("0123456789abcdef0123456789abcdef-7"),
                now,
                now.plus(Duration.ofDays(30)),
                List.of(
                    new RecipientGrant(BOB, bob, PairwiseKey.copyOf(randomBytes())),
                    new RecipientGrant(CAROL, carol, PairwiseKey.copyOf(randomBytes()))),
                random)
            .reply();
    return client.openReply(reply);
  }

  @Test
  void wrapWithAGrant_eachRecipientUnwrapsWithItsMasterKey() throws Exception {
    MasterKey alice = randomKey();
    MasterKey bob = randomKey();
    MasterKey carol = randomKey();
    SessionGrant grant = issue(alice, bob, carol);
    byte[] original =
        ("From: alice@example.test\r\nTo: bob@example.test, carol@example.test\r\n"
                + "Subject: the quarterly figures\r\nMessage-ID: <q1@example.test>\r\n\r\n"
                + "Revenue is up.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    byte[] wrapped =
        Wrapped.wrap(
            original,
            KdcTickets.material(grant, ALICE, "kdc.example.test", List.of(BOB, CAROL), Map.of()),
            WrapOptions.builder().spoolDir(tmp).build());

    for (var reader : List.of(new UserKey(BOB, bob), new UserKey(CAROL, carol))) {
      Wrapped.Result result =
          Wrapped.unwrap(
              wrapped,
              reader.identity(),
              KdcTickets.opener(reader, Clock.systemUTC()),
              tmp,
              Wrapped.plainUnwrapper());
      assertThat(result.verdict().status()).isEqualTo(Verdict.Status.OK);
      assertThat(result.out()).isEqualTo(original);
    }
    Wrapped.Result wrongKey =
        Wrapped.unwrap(
            wrapped,
            BOB,
            KdcTickets.opener(new UserKey(BOB, carol), Clock.systemUTC()),
            tmp,
            Wrapped.plainUnwrapper());
    assertThat(wrongKey.verdict().isReleased()).isFalse();
    assertThat(wrongKey.out()).isEmpty();
  }
}
