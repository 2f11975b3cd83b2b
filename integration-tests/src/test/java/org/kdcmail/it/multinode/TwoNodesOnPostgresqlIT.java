package org.kdcmail.it.multinode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminStatus;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.client.KdcErrorException;
import org.kdcmail.kdc.protocol.session.OpenedTicket;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionErrorCodes;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKeyClient;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.TicketFetch;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.server.KdcSettings;
import org.kdcmail.testing.RequiresProgram;
import org.kdcmail.testing.TestPostgres;

/**
 * Two KDC nodes on one PostgreSQL database (a throwaway cluster): both serve the users enrolled
 * through either, a request already served by one node is refused as a replay by the other, and the
 * shared audit chain holds. The key bank is in the same database, shared by both nodes.
 */
@RequiresProgram(
    value = {"initdb", "pg_ctl"},
    debianPackage = "postgresql")
class TwoNodesOnPostgresqlIT {
  private static final SessionRandom RANDOM = SessionRandom.of(new SecureRandom());
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";

  @TempDir Path tmp;
  private KdcFixture node1;
  private KdcFixture node2;
  private MasterKey alice;
  private MasterKey bob;

  @BeforeEach
  void twoNodes() throws Exception {
    String url = TestPostgres.shared().newDatabase() + "?user=" + TestPostgres.USER;
    node1 =
        new KdcFixture(
            tmp.resolve("node1"),
            KdcSettings.defaults("node-1").withPort(0).withMetricsPort(0).withDatabaseUrl(url));
    node2 =
        KdcFixture.joining(
            node1,
            tmp.resolve("node2"),
            KdcSettings.defaults("node-2").withPort(0).withMetricsPort(0).withDatabaseUrl(url));
    alice = node1.enroll(ALICE);
    bob = node1.enroll(BOB);
  }

  @AfterEach
  void stop() {
    if (node2 != null) {
      node2.close();
    }
    if (node1 != null) {
      node1.close();
    }
  }

  private static Frame send(KdcFixture node, FrameType type, byte[] payload) throws Exception {
    try (KdcConnection connection = node.connect()) {
      return connection.exchange(new Frame(type, payload));
    }
  }

  private static SessionGrant issue(KdcFixture node, SessionKeyClient client) throws Exception {
    Frame reply = send(node, FrameType.SESSION_KEY_REQUEST, client.requestBytes());
    assertThat(reply.type()).isEqualTo(FrameType.SESSION_KEY_REPLY);
    return client.openReply(reply.payload());
  }

  private static SessionKeyClient aliceToBob(MasterKey alice) {
    return SessionKeyClient.request(
        new UserKey(ALICE, alice), List.of(BOB), Clock.systemUTC(), RANDOM);
  }

  private static SessionError refusal(Throwable thrown) {
    return SessionErrorCodes.reasonOf(((KdcErrorException) thrown).code()).orElseThrow();
  }

  @Test
  void bothNodesShareIdentityAndUsers() {
    assertThat(node2.server().fingerprint()).isEqualTo(node1.server().fingerprint());
  }

  @Test
  void requestServedByNode1_replayedToNode2_refused_freshRequestServed() throws Exception {
    SessionKeyClient first = aliceToBob(alice);
    SessionGrant grant = issue(node1, first);

    assertThatThrownBy(() -> send(node2, FrameType.SESSION_KEY_REQUEST, first.requestBytes()))
        .satisfies(e -> assertThat(refusal(e)).isEqualTo(SessionError.REPLAY));

    SessionGrant fresh = issue(node2, aliceToBob(alice));
    assertThat(fresh.keyId()).isNotEqualTo(grant.keyId());

    // A key issued by node 1 is fetched by its recipient from node 2.
    TicketFetch fetch =
        TicketFetch.request(new UserKey(BOB, bob), grant.keyId(), Clock.systemUTC(), RANDOM);
    byte[] ticket =
        fetch.openReply(
            send(node2, FrameType.TICKET_FETCH_REQUEST, fetch.requestBytes()).payload());
    OpenedTicket opened =
        SessionKeyClient.openTicket(ticket, new UserKey(BOB, bob), Clock.systemUTC());
    assertThat(opened.sessionKey()).isEqualTo(grant.sessionKey());

    assertThat(node2.admin("audit-verify").get("ok").asBoolean()).isTrue();
    assertThat(node1.admin("audit-verify").get("ok").asBoolean()).isTrue();
  }

  @Test
  void adminBackup_onPostgresql_refusedNamingPgDump() throws Exception {
    AdminRequest request =
        new AdminRequest(
            AdminToken.read(node1.paths().root()),
            "backup",
            List.of(tmp.resolve("backups").toString()));
    try (KdcConnection connection = node1.connect()) {
      AdminResponse response =
          AdminResponse.decode(connection.exchange(request.toFrame()).payload());
      assertThat(response.status()).isEqualTo(AdminStatus.FAILED);
      assertThat(response.bodyText()).contains("PostgreSQL").contains("pg_dump");
    }
  }
}
