package org.kdcmail.it.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.session.OpenedTicket;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKeyClient;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.server.BackupException;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcRestore;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;

/**
 * {@code admin backup} while the KDC serves, then {@code kdc restore} into a new folder: the
 * restored KDC serves the users of the backup with the same identity, its audit chain holds, and it
 * never hands out a key the original handed out after the backup (the restored bank's unused keys
 * are discarded). A folder that already holds a KDC is not replaced without force.
 */
class BackupRestoreIT {
  private static final SessionRandom RANDOM = SessionRandom.of(new SecureRandom());
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";

  @TempDir Path tmp;
  private KdcFixture original;
  private KdcServer restored;

  @AfterEach
  void stop() {
    if (restored != null) {
      restored.close();
    }
    if (original != null) {
      original.close();
    }
  }

  @Test
  void backupWhileServing_restoreIntoNewFolder_servesBackedUpUsers_neverReusesAKey()
      throws Exception {
    original = new KdcFixture(tmp.resolve("original"));
    MasterKey alice = original.enroll(ALICE);
    MasterKey bob = original.enroll(BOB);
    issue(original.address(), alice);
    var identity = original.server().fingerprint();

    JsonNode backup = original.admin("backup", tmp.resolve("backups").toString());
    Path folder = Path.of(backup.get("backup").asText());
    assertThat(folder.resolve("kek.wrapped")).exists();
    assertThat(folder.resolve("store/db")).isDirectory();
    assertThat(folder.resolve("keybank/db")).isDirectory();

    Set<String> handedOutAfterBackup = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      handedOutAfterBackup.add(fingerprint(issue(original.address(), alice)));
    }
    original.stop();

    KdcPaths target = new KdcPaths(tmp.resolve("restored").resolve("kdc"));
    KdcRestore.Result result =
        new KdcRestore(target, Clock.systemUTC()).restore(tmp.resolve("backups"), false);
    assertThat(result.backup()).isEqualTo(folder);
    assertThat(result.discardedBankKeys()).isPositive();

    KdcSettings settings = KdcSettings.read(target.settings()).withPort(0).withMetricsPort(0);
    restored = KdcServer.start(target, settings, KdcFixture.passphrase());
    assertThat(restored.fingerprint()).isEqualTo(identity);
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", restored.port());
    for (int i = 0; i < 20; i++) {
      SessionGrant grant = issue(address, alice);
      assertThat(handedOutAfterBackup).doesNotContain(fingerprint(grant));
      OpenedTicket ticket =
          SessionKeyClient.openTicket(
              grant.tickets().get(0).ticket(), new UserKey(BOB, bob), Clock.systemUTC());
      assertThat(ticket.sessionKey()).isEqualTo(grant.sessionKey());
    }
    assertThat(admin(target, address, "audit-verify").get("ok").asBoolean()).isTrue();
  }

  @Test
  void restore_overAnExistingKdc_refusedWithoutForce_keptAsideWithForce() throws Exception {
    original = new KdcFixture(tmp.resolve("original"));
    original.enroll(ALICE);
    original.admin("backup", tmp.resolve("backups").toString());
    original.stop();
    KdcRestore restore = new KdcRestore(original.paths(), Clock.systemUTC());

    assertThatThrownBy(() -> restore.restore(tmp.resolve("backups"), false))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("already holds a KDC")
        .hasMessageContaining("--force");

    KdcRestore.Result result = restore.restore(tmp.resolve("backups"), true);
    assertThat(result.replacedFolderKeptAt()).isPresent();
    assertThat(result.replacedFolderKeptAt().get().resolve("kek.wrapped")).exists();
    assertThat(original.paths().kekFile()).exists();
  }

  @Test
  void restore_fromFolderWithoutBackup_namesWhatIsMissing() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    KdcRestore restore =
        new KdcRestore(new KdcPaths(tmp.resolve("new").resolve("kdc")), Clock.systemUTC());
    assertThatThrownBy(() -> restore.restore(tmp.resolve("empty"), false))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("no KDC backup");
  }

  private static SessionGrant issue(InetSocketAddress address, MasterKey alice) throws Exception {
    SessionKeyClient client =
        SessionKeyClient.request(
            new UserKey(ALICE, alice), List.of(BOB), Clock.systemUTC(), RANDOM);
    try (KdcConnection connection = KdcConnection.connect(address)) {
      Frame reply =
          connection.exchange(new Frame(FrameType.SESSION_KEY_REQUEST, client.requestBytes()));
      return client.openReply(reply.payload());
    }
  }

  private static String fingerprint(SessionGrant grant) {
    return grant.keyId() + "/" + HexFormat.of().formatHex(grant.sessionKey().copyBytes());
  }

  private static JsonNode admin(KdcPaths paths, InetSocketAddress address, String command)
      throws Exception {
    AdminToken token = AdminToken.read(paths.root());
    try (KdcConnection connection = KdcConnection.connect(address)) {
      AdminResponse response =
          AdminResponse.decode(
              connection.exchange(new AdminRequest(token, command, List.of()).toFrame()).payload());
      return new ObjectMapper().readTree(response.bodyText());
    }
  }
}
