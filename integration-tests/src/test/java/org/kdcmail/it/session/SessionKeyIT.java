package org.kdcmail.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.client.KdcErrorException;
import org.kdcmail.kdc.protocol.session.OpenedTicket;
import org.kdcmail.kdc.protocol.session.RecipientTicket;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionErrorCodes;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKeyClient;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.TicketFetch;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;

/**
 * The session-key service over a real socket with Derby on disk: issue, reply, each recipient opens
 * its ticket; replays (same node, after a restart) and skewed clocks are refused; unknown
 * recipients are named; disabled senders refused; tickets re-fetched only by recipients and never
 * after revocation; the audit chain holds after all of it.
 */
class SessionKeyIT {
  private static final SessionRandom RANDOM = SessionRandom.of(new SecureRandom());
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";
  private static final String CAROL = "carol@example.test";

  @TempDir java.nio.file.Path tmp;
  private KdcFixture kdc;
  private MasterKey alice;
  private MasterKey bob;
  private MasterKey carol;

  @BeforeEach
  void enrollThree() throws Exception {
    kdc = new KdcFixture(tmp);
    alice = kdc.enroll(ALICE);
    bob = kdc.enroll(BOB);
    carol = kdc.enroll(CAROL);
  }

  @AfterEach
  void stop() {
    kdc.close();
  }

  private SessionKeyClient request(MasterKey sender, String from, Clock clock, String... to) {
    return SessionKeyClient.request(new UserKey(from, sender), List.of(to), clock, RANDOM);
  }

  private Frame send(FrameType type, byte[] payload) throws Exception {
    try (KdcConnection connection = kdc.connect()) {
      return connection.exchange(new Frame(type, payload));
    }
  }

  private SessionGrant issue(SessionKeyClient client) throws Exception {
    Frame reply = send(FrameType.SESSION_KEY_REQUEST, client.requestBytes());
    assertThat(reply.type()).isEqualTo(FrameType.SESSION_KEY_REPLY);
    return client.openReply(reply.payload());
  }

  private static RecipientTicket ticketFor(SessionGrant grant, String recipient) {
    return grant.tickets().stream()
        .filter(t -> t.recipient().equals(recipient))
        .findFirst()
        .orElseThrow();
  }

  private static SessionError refusal(Throwable thrown) {
    return SessionErrorCodes.reasonOf(((KdcErrorException) thrown).code()).orElseThrow();
  }

  @Test
  void issue_recipientsOpenTheirTickets_unknownRecipientNamed() throws Exception {
    SessionGrant grant =
        issue(request(alice, ALICE, Clock.systemUTC(), BOB, CAROL, "nobody@example.test"));

    assertThat(grant.unknownRecipients()).containsExactly("nobody@example.test");
    OpenedTicket bobs =
        SessionKeyClient.openTicket(
            ticketFor(grant, BOB).ticket(), new UserKey(BOB, bob), Clock.systemUTC());
    OpenedTicket carols =
        SessionKeyClient.openTicket(
            ticketFor(grant, CAROL).ticket(), new UserKey(CAROL, carol), Clock.systemUTC());
    assertThat(bobs.sessionKey()).isEqualTo(grant.sessionKey());
    assertThat(carols.sessionKey()).isEqualTo(grant.sessionKey());
    assertThat(bobs.pairwiseKey()).isEqualTo(ticketFor(grant, BOB).pairwiseKey());
    assertThat(bobs.pairwiseKey()).isNotEqualTo(carols.pairwiseKey());
    assertThat(bobs.sender()).isEqualTo(ALICE);
    assertThatThrownBy(
            () ->
                SessionKeyClient.openTicket(
                    ticketFor(grant, BOB).ticket(), new UserKey(BOB, carol), Clock.systemUTC()))
        .isInstanceOf(SessionException.class);
  }

  @Test
  void replayedRequest_refusedOnTheSameNodeAndAfterARestart() throws Exception {
    SessionKeyClient client = request(alice, ALICE, Clock.systemUTC(), BOB);
    issue(client);

    assertThatThrownBy(() -> send(FrameType.SESSION_KEY_REQUEST, client.requestBytes()))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.REPLAY));
    kdc.stop();
    kdc.start();
    assertThatThrownBy(() -> send(FrameType.SESSION_KEY_REQUEST, client.requestBytes()))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.REPLAY));
    assertThat(kdc.admin("audit-verify").get("ok").asBoolean()).isTrue();
  }

  /** Attack A3: a captured request replayed many times draws no key and issues nothing more. */
  @Test
  void capturedRequest_sent1000Times_oneIssuance_theReplaysDrawNoKeyAndAreAudited()
      throws Exception {
    SessionKeyClient client = request(alice, ALICE, Clock.systemUTC(), BOB);
    double takenBefore = keysTaken();
    issue(client);
    double takenByOneIssuance = keysTaken() - takenBefore;

    int refused = 0;
    for (int i = 1; i < 1000; i++) {
      try {
        send(FrameType.SESSION_KEY_REQUEST, client.requestBytes());
      } catch (KdcErrorException e) {
        assertThat(refusal(e)).isEqualTo(SessionError.REPLAY);
        refused++;
      }
    }

    assertThat(refused).isEqualTo(999);
    assertThat(takenByOneIssuance).as("K_S and bob's pairwise key").isEqualTo(2);
    assertThat(keysTaken() - takenBefore).as("keys drawn for all 1000 copies").isEqualTo(2);
    Map<String, Long> auditedTypes = new HashMap<>();
    kdc.admin("audit", "5000")
        .get("entries")
        .forEach(e -> auditedTypes.merge(e.get("type").asText(), 1L, Long::sum));
    assertThat(auditedTypes).containsEntry("issuance", 1L).containsEntry("replay_refused", 999L);
    assertThat(kdc.admin("audit-verify").get("ok").asBoolean()).isTrue();
  }

  /** The key bank's count of keys handed out, from the KDC's Prometheus endpoint. */
  private double keysTaken() throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + kdc.server().metricsPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m =
        Pattern.compile("(?m)^kdcmail_keybank_keys_taken_total(?:\\{[^}]*})? (\\S+)$")
            .matcher(body);
    assertThat(m.find()).as("kdcmail_keybank_keys_taken_total in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void skewedClock_refusedWithAMessageNamingTheSkew() throws Exception {
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-412));
    SessionKeyClient client = request(alice, ALICE, behind, BOB);

    assertThatThrownBy(() -> send(FrameType.SESSION_KEY_REQUEST, client.requestBytes()))
        .isInstanceOf(KdcErrorException.class)
        .hasMessageContaining("exceeds 300 s")
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.CLOCK_SKEW));
  }

  @Test
  void disabledSender_refused() throws Exception {
    kdc.admin("disable", ALICE);

    assertThatThrownBy(
            () ->
                send(
                    FrameType.SESSION_KEY_REQUEST,
                    request(alice, ALICE, Clock.systemUTC(), BOB).requestBytes()))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.SENDER_DISABLED));
  }

  @Test
  void requestUnderAnotherUsersKey_refusedAsBadRequest() throws Exception {
    assertThatThrownBy(
            () ->
                send(
                    FrameType.SESSION_KEY_REQUEST,
                    request(bob, ALICE, Clock.systemUTC(), CAROL).requestBytes()))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.BAD_REQUEST));
  }

  @Test
  void ticketFetch_onlyForRecipients_andNotAfterRevocation() throws Exception {
    SessionGrant grant = issue(request(alice, ALICE, Clock.systemUTC(), BOB));

    TicketFetch bobFetch =
        TicketFetch.request(new UserKey(BOB, bob), grant.keyId(), Clock.systemUTC(), RANDOM);
    byte[] ticket =
        bobFetch.openReply(send(FrameType.TICKET_FETCH_REQUEST, bobFetch.requestBytes()).payload());
    OpenedTicket fetched =
        SessionKeyClient.openTicket(ticket, new UserKey(BOB, bob), Clock.systemUTC());
    assertThat(fetched.sessionKey()).isEqualTo(grant.sessionKey());

    TicketFetch carolFetch =
        TicketFetch.request(new UserKey(CAROL, carol), grant.keyId(), Clock.systemUTC(), RANDOM);
    assertThatThrownBy(() -> send(FrameType.TICKET_FETCH_REQUEST, carolFetch.requestBytes()))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.NOT_A_RECIPIENT));

    kdc.admin("revoke-key", grant.keyId().toString());
    TicketFetch again =
        TicketFetch.request(new UserKey(BOB, bob), grant.keyId(), Clock.systemUTC(), RANDOM);
    assertThatThrownBy(() -> send(FrameType.TICKET_FETCH_REQUEST, again.requestBytes()))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.KEY_REVOKED));
    assertThat(kdc.admin("audit").get("entries").toString())
        .contains("\"type\":\"issuance\"")
        .contains("\"type\":\"revoke\"");
    assertThat(kdc.admin("audit-verify").get("ok").asBoolean()).isTrue();
  }
}
