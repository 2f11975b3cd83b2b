package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.TestRandom;

class KdcStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dataDir;
  private final KdcKek kek = TestRandom.kek();
  private final MutableClock clock = new MutableClock(T0);
  private KdcStore store;

  private KdcStore open() {
    store = KdcStore.open(dataDir, kek, clock);
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static MasterKey randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return MasterKey.copyOf(bytes);
  }

  @Test
  void loadMasterKey_afterStore_roundTrips() {
    MasterKey key = randomKey();
    assertThat(open().storeMasterKey("alice@corp", key)).isEqualTo(1);
    assertThat(store.loadMasterKey("alice@corp")).isEqualTo(key);
    assertThat(store.findUser("alice@corp").orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
  }

  @Test
  void storeMasterKey_existingUser_rotatesAndReactivates() {
    open().storeMasterKey("alice@corp", randomKey());
    store.setStatus("alice@corp", UserStatus.DISABLED);
    MasterKey second = randomKey();
    assertThat(store.storeMasterKey("alice@corp", second)).isEqualTo(2);
    assertThat(store.loadMasterKey("alice@corp")).isEqualTo(second);
    assertThat(store.listUsers())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.keyVersion()).isEqualTo(2);
              assertThat(u.status()).isEqualTo(UserStatus.ACTIVE);
            });
  }

  @Test
  void loadMasterKey_unknownUser_saysInviteFirst() {
    assertThatThrownBy(() -> open().loadMasterKey("nobody@corp"))
        .isInstanceOf(UnknownUserException.class)
        .hasMessageContaining("invite");
    assertThatThrownBy(() -> store.setStatus("nobody@corp", UserStatus.DISABLED))
        .isInstanceOf(UnknownUserException.class);
  }

  @Test
  void reopen_keepsUsersInvitationsAndIdentity() {
    MasterKey key = randomKey();
    open().storeMasterKey("alice@corp", key);
    store.setStatus("alice@corp", UserStatus.DISABLED);
    InvitationId id =
        store.createInvitation(
            "bob@corp", store.codeVerifier("bob@corp", "CODE".toCharArray()), Duration.ofHours(1));
    store.recordFailedAttempt(id);
    store.storeIdentity(IdentityKey.of("Ed25519", new byte[] {1, 2, 3}, new byte[] {4, 5, 6}));
    store.close();

    open();
    assertThat(store.loadMasterKey("alice@corp")).isEqualTo(key);
    assertThat(store.listUsers()).extracting(User::status).containsExactly(UserStatus.DISABLED);
    Invitation inv = store.findInvitation(id).orElseThrow();
    assertThat(inv.username()).isEqualTo("bob@corp");
    assertThat(inv.failedAttempts()).isEqualTo(1);
    assertThat(inv.state()).isEqualTo(InvitationState.PENDING);
    assertThat(inv.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(inv.verifierMatches(store.codeVerifier("bob@corp", "CODE".toCharArray()))).isTrue();
    assertThat(inv.verifierMatches(store.codeVerifier("bob@corp", "CODF".toCharArray()))).isFalse();
    IdentityKey identity = store.loadIdentity().orElseThrow();
    assertThat(identity.publicKey()).containsExactly(1, 2, 3);
    assertThat(identity.copyPrivateKey()).containsExactly(4, 5, 6);
  }

  @Test
  void recordFailedAttempt_fifthTime_locks() {
    InvitationId id = newInvitation(open(), "bob@corp");
    for (int i = 1; i < 5; i++) {
      assertThat(store.recordFailedAttempt(id)).isEqualTo(InvitationState.PENDING);
    }
    assertThat(store.recordFailedAttempt(id)).isEqualTo(InvitationState.LOCKED);
    assertThat(store.findInvitation(id).orElseThrow().state()).isEqualTo(InvitationState.LOCKED);
    assertThatThrownBy(() -> store.markUsed(id))
        .isInstanceOf(InvitationStateException.class)
        .hasMessageContaining("locked");
  }

  @Test
  void findInvitation_pastExpiry_reportsExpired() {
    InvitationId id = newInvitation(open(), "bob@corp");
    assertThat(store.findInvitation(id).orElseThrow().expiresAt())
        .isEqualTo(T0.plus(KdcStore.DEFAULT_INVITATION_LIFETIME));
    clock.now = T0.plus(Duration.ofHours(72));
    assertThat(store.findInvitation(id).orElseThrow().state()).isEqualTo(InvitationState.EXPIRED);
    assertThatThrownBy(() -> store.markUsed(id))
        .isInstanceOfSatisfying(
            InvitationStateException.class,
            e -> assertThat(e.state()).isEqualTo(InvitationState.EXPIRED))
        .hasMessageContaining("expired");
  }

  @Test
  void markUsed_twice_secondRefused() {
    InvitationId id = newInvitation(open(), "bob@corp");
    store.markUsed(id);
    assertThat(store.findInvitation(id).orElseThrow().state()).isEqualTo(InvitationState.USED);
    assertThatThrownBy(() -> store.markUsed(id))
        .isInstanceOf(InvitationStateException.class)
        .hasMessageContaining("already used");
    assertThatThrownBy(() -> store.recordFailedAttempt(id))
        .isInstanceOf(InvitationStateException.class);
  }

  @Test
  void createInvitation_existingUser_allowedAgain() {
    open().storeMasterKey("bob@corp", randomKey());
    InvitationId first = newInvitation(store, "bob@corp");
    InvitationId second = newInvitation(store, "bob@corp");
    assertThat(first).isNotEqualTo(second);
    assertThat(store.findInvitation(second)).isPresent();
    assertThat(store.findInvitation(InvitationId.of(new byte[16]))).isEmpty();
  }

  @Test
  void loadMasterKey_tamperedRow_integrityError() throws Exception {
    open().storeMasterKey("alice@corp", randomKey());
    store.storeMasterKey("mallory@corp", randomKey());
    store.close();
    store = null;
    withJdbc(
        c -> {
          byte[] sealed = sealedKeyOf(c, "alice@corp");
          sealed[20] ^= 1;
          setSealedKey(c, "alice@corp", sealed);
        });
    open();
    assertThatThrownBy(() -> store.loadMasterKey("alice@corp"))
        .isInstanceOf(KdcStoreIntegrityException.class)
        .hasMessageContaining("failed authentication");
    store.close();
    store = null;
    withJdbc(c -> setSealedKey(c, "alice@corp", sealedKeyOf(c, "mallory@corp")));
    open();
    assertThatThrownBy(() -> store.loadMasterKey("alice@corp"))
        .isInstanceOf(KdcStoreIntegrityException.class);
  }

  @Test
  void loadMasterKey_otherKek_integrityError() {
    open().storeMasterKey("alice@corp", randomKey());
    store.close();
    store = KdcStore.open(dataDir, TestRandom.kek(), clock);
    assertThatThrownBy(() -> store.loadMasterKey("alice@corp"))
        .isInstanceOf(KdcStoreIntegrityException.class);
  }

  @Test
  void dataDirectory_containsNoSecretBytes() throws Exception {
    byte[] keyBytes = new byte[32];
    new SecureRandom().nextBytes(keyBytes);
    String code = "K7Q2-M9XD-4RTV-PW8N-HC3J-ZB6F";
    String mkId = "carol-mk-id-4711";
    String mkPassword = "Summer2024!";
    byte[] identityPrivate = new byte[32];
    new SecureRandom().nextBytes(identityPrivate);
    open().storeMasterKey("carol@corp", MasterKey.copyOf(keyBytes));
    newInvitation(store, "carol@corp", code);
    store.storeIdentity(IdentityKey.of("Ed25519", new byte[32], identityPrivate));
    store.close();
    store = null;

    List<byte[]> needles = new ArrayList<>();
    needles.add(keyBytes);
    needles.add(identityPrivate);
    needles.add(HexFormat.of().formatHex(keyBytes).getBytes(StandardCharsets.US_ASCII));
    for (String s : List.of(code, mkId, mkPassword)) {
      needles.add(s.getBytes(StandardCharsets.UTF_8));
      needles.add(s.getBytes(StandardCharsets.UTF_16BE));
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(p -> p.toString().endsWith(".dat"));
    boolean usernameSeen = false;
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (byte[] needle : needles) {
        assertThat(indexOf(content, needle)).as("secret found in %s", file).isEqualTo(-1);
      }
      usernameSeen |= indexOf(content, "carol@corp".getBytes(StandardCharsets.UTF_8)) >= 0;
    }
    assertThat(usernameSeen).as("the scan reads the table data").isTrue();
  }

  private InvitationId newInvitation(KdcStore s, String user) {
    return newInvitation(s, user, "ABCD-EFGH-IJKL-MNOP-QRST");
  }

  private InvitationId newInvitation(KdcStore s, String user, String code) {
    return s.createInvitation(
        user, s.codeVerifier(user, code.toCharArray()), KdcStore.DEFAULT_INVITATION_LIFETIME);
  }

  private interface JdbcWork {
    void run(Connection c) throws SQLException;
  }

  private void withJdbc(JdbcWork work) throws SQLException {
    Path db = dataDir.toAbsolutePath().resolve("db");
    try (Connection c = DriverManager.getConnection("jdbc:derby:" + db)) {
      work.run(c);
    }
    try {
      DriverManager.getConnection("jdbc:derby:" + db + ";shutdown=true");
    } catch (SQLException expected) {
      assertThat(expected.getSQLState()).isEqualTo("08006");
    }
  }

  private static byte[] sealedKeyOf(Connection c, String user) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT sealed_master_key FROM kdc_user WHERE username = ?")) {
      st.setString(1, user);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  private static void setSealedKey(Connection c, String user, byte[] sealed) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("UPDATE kdc_user SET sealed_master_key = ? WHERE username = ?")) {
      st.setBytes(1, sealed);
      st.setString(2, user);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
