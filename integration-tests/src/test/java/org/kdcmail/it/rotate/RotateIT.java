package org.kdcmail.it.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionErrorCodes;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKeyClient;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.plugin.unlock.Unlocker;

/**
 * {@code admin rotate}: a new master key through a fresh enrollment invitation. Until the user
 * enrolls again the old key still works; afterwards the KDC holds key version 2, requests under the
 * new key are served, and the old client store still unlocks — to a key the KDC no longer accepts
 * ({@code BAD_REQUEST}).
 */
class RotateIT {
  private static final SessionRandom RANDOM = SessionRandom.of(new SecureRandom());
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";
  private static final String LOGIN = "alice login";
  private static final String MK_ID = "alice-mk-id";

  @TempDir Path tmp;
  private KdcFixture kdc;

  @BeforeEach
  void start() throws Exception {
    kdc = new KdcFixture(tmp);
  }

  @AfterEach
  void stop() {
    kdc.close();
  }

  private Path enroll(String user, String code, String mkPassword, String storeName)
      throws Exception {
    Path store = tmp.resolve("clients").resolve(storeName).resolve("client.store");
    kdc.enroll(code, KdcFixture.CHEAP, user, store, LOGIN, MK_ID, mkPassword);
    return store;
  }

  private static MasterKey unlock(Path store, String mkPassword) throws Exception {
    return new Unlocker(KdcFixture.CHEAP)
        .unlock(store, LOGIN.toCharArray(), MK_ID.toCharArray(), mkPassword.toCharArray());
  }

  private SessionGrant issue(MasterKey key) throws Exception {
    SessionKeyClient client =
        SessionKeyClient.request(new UserKey(ALICE, key), List.of(BOB), Clock.systemUTC(), RANDOM);
    try (KdcConnection connection = kdc.connect()) {
      Frame reply =
          connection.exchange(new Frame(FrameType.SESSION_KEY_REQUEST, client.requestBytes()));
      return client.openReply(reply.payload());
    }
  }

  private int keyVersion(String user) throws Exception {
    for (JsonNode node : kdc.admin("users").get("users")) {
      if (node.get("user").asText().equals(user)) {
        return node.get("key_version").asInt();
      }
    }
    throw new AssertionError(user + " not listed");
  }

  @Test
  void rotate_thenEnrollAgain_newKeyVersion_oldStoreNoLongerAccepted() throws Exception {
    kdc.enroll(BOB);
    Path oldStore = enroll(ALICE, kdc.admin("invite", ALICE).get("code").asText(), "old pw", "v1");
    MasterKey oldKey = unlock(oldStore, "old pw");
    issue(oldKey).destroy();
    assertThat(keyVersion(ALICE)).isEqualTo(1);

    JsonNode rotation = kdc.admin("rotate", ALICE);
    assertThat(rotation.get("key_version").asInt()).isEqualTo(1);
    assertThat(rotation.get("fingerprint").asText()).isEqualTo(kdc.server().fingerprint().format());
    // Until the user enrolls again, the current key keeps working.
    issue(oldKey).destroy();

    Path newStore = enroll(ALICE, rotation.get("code").asText(), "new pw", "v2");
    assertThat(keyVersion(ALICE)).isEqualTo(2);
    MasterKey newKey = unlock(newStore, "new pw");
    assertThat(newKey).isNotEqualTo(oldKey);
    SessionGrant grant = issue(newKey);
    assertThat(grant.tickets()).hasSize(1);

    MasterKey reopened = unlock(oldStore, "old pw");
    assertThatThrownBy(() -> issue(reopened))
        .isInstanceOf(KdcErrorException.class)
        .satisfies(
            e ->
                assertThat(SessionErrorCodes.reasonOf(((KdcErrorException) e).code()))
                    .contains(SessionError.BAD_REQUEST));

    assertThat(kdc.admin("audit").get("entries").toString()).contains("\"type\":\"rotate\"");
    assertThat(kdc.admin("audit-verify").get("ok").asBoolean()).isTrue();
  }

  @Test
  void rotate_unknownUser_refusedWithAMessageNamingInvite() throws Exception {
    AdminToken token = AdminToken.read(kdc.paths().root());
    try (KdcConnection connection = kdc.connect()) {
      AdminResponse response =
          AdminResponse.decode(
              connection
                  .exchange(
                      new AdminRequest(token, "rotate", List.of("nobody@example.test")).toFrame())
                  .payload());
      assertThat(response.status()).isEqualTo(AdminStatus.FAILED);
      assertThat(response.bodyText()).contains("no enrolled user nobody@example.test", "invite");
    }
  }
}
