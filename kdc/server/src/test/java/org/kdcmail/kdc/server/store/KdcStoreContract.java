package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.InvitationId;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.TestRandom;

/** Contract of {@link KdcStore} on every database; subclasses pick the database. */
abstract class KdcStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01";
  private static final String OTHER_CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ02";

  @TempDir Path dataDir;
  private StoreUnderTest sut;

  /** The database for one test; {@code dataDir} is the test's temp folder. */
  abstract StoreUnderTest storeUnderTest(Path dataDir);

  @BeforeEach
  void pickDatabase() {
    sut = storeUnderTest(dataDir);
  }

  private final KdcKek kek = TestRandom.kek();
  private final MutableClock clock = new MutableClock(T0);
  private KdcStore store;

  private KdcStore open() {
    store = KdcStore.open(sut.location(), kek, clock);
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
  void lookUpRecipients_returnsActiveKeysOnly_andWhetherTheNonceWasSeen() {
    MasterKey bob = randomKey();
    open().storeMasterKey("alice@corp", randomKey());
    store.storeMasterKey("bob@corp", bob);
    store.storeMasterKey("carol@corp", randomKey());
    store.setStatus("carol@corp", UserStatus.DISABLED);
    byte[] nonceBytes = new byte[16];
    new SecureRandom().nextBytes(nonceBytes);
    RequestNonce nonce =
        new RequestNonce("alice@corp", nonceBytes, Instant.now(), Duration.ofMinutes(5));

    KdcStore.RecipientLookup fresh =
        store.lookUpRecipients(nonce, List.of("bob@corp", "carol@corp", "nobody@corp"));
    assertThat(fresh.nonceProbablySeen()).isFalse();
    assertThat(fresh.activeKeys()).containsOnlyKeys("bob@corp");
    assertThat(fresh.activeKeys().get("bob@corp")).isEqualTo(bob);

    assertThat(
            store
                .replayCache()
                .admit("alice@corp", nonceBytes, nonce.requestTime(), Duration.ofMinutes(5)))
        .isTrue();
    KdcStore.RecipientLookup replayed = store.lookUpRecipients(nonce, List.of());
    assertThat(replayed.nonceProbablySeen()).isTrue();
    assertThat(replayed.activeKeys()).isEmpty();
  }

  @Test
  void lookUpRecipients_afterReopen_stillSeesANonceAdmittedBefore() {
    open().storeMasterKey("alice@corp", randomKey());
    byte[] nonceBytes = new byte[16];
    new SecureRandom().nextBytes(nonceBytes);
    RequestNonce nonce = new RequestNonce("alice@corp", nonceBytes, T0, Duration.ofMinutes(5));
    assertThat(store.lookUpRecipients(nonce, List.of()).nonceProbablySeen()).isFalse();
    assertThat(store.replayCache().admit("alice@corp", nonceBytes, T0, Duration.ofMinutes(5)))
        .isTrue();
    store.close();

    open();
    assertThat(store.lookUpRecipients(nonce, List.of()).nonceProbablySeen())
        .as("a nonce admitted by the previous process")
        .isTrue();
    byte[] otherBytes = nonceBytes.clone();
    otherBytes[0] ^= 1;
    RequestNonce other = new RequestNonce("alice@corp", otherBytes, T0, Duration.ofMinutes(5));
    assertThat(store.lookUpRecipients(other, List.of()).nonceProbablySeen()).isFalse();
    assertThat(store.lookUpRecipients(other, List.of()).nonceProbablySeen())
        .as("looked up twice, never admitted")
        .isFalse();
  }

  @Test
  void loadActiveMasterKeys_afterDisableEnableAndRotate_seesEachChangeAtOnce() {
    MasterKey first = randomKey();
    open().storeMasterKey("alice@corp", first);
    assertThat(store.loadActiveMasterKeys(List.of("alice@corp")))
        .containsEntry("alice@corp", first);

    store.setStatus("alice@corp", UserStatus.DISABLED);
    assertThat(store.loadActiveMasterKeys(List.of("alice@corp"))).isEmpty();
    store.setStatus("alice@corp", UserStatus.ACTIVE);
    assertThat(store.loadActiveMasterKeys(List.of("alice@corp")))
        .containsEntry("alice@corp", first);

    MasterKey second = randomKey();
    store.storeMasterKey("alice@corp", second);
    assertThat(store.loadActiveMasterKeys(List.of("alice@corp")))
        .containsEntry("alice@corp", second);
    store.setStatus("alice@corp", UserStatus.DISABLED);
    byte[] nonceBytes = new byte[16];
    KdcStore.RecipientLookup lookup =
        store.lookUpRecipients(
            new RequestNonce("bob@corp", nonceBytes, Instant.now(), Duration.ofMinutes(5)),
            List.of("alice@corp"));
    assertThat(lookup.activeKeys()).as("a disabled recipient").isEmpty();
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
        store.createInvitation("bob@corp", EnrollmentCode.parse(CODE), Duration.ofHours(1));
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
    EnrollmentCode code = store.invitationCode(id);
    assertThat(code.equalsConstantTime(EnrollmentCode.parse(CODE))).isTrue();
    assertThat(code.equalsConstantTime(EnrollmentCode.parse(OTHER_CODE))).isFalse();
    assertThat(store.findPendingInvitation("bob@corp")).contains(inv);
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
  void createInvitation_again_supersedesOlderPendingAndDeletesItsCode() throws Exception {
    InvitationId first = newInvitation(open(), "bob@corp", CODE);
    InvitationId other = newInvitation(store, "carol@corp", CODE);
    clock.now = T0.plusSeconds(1);
    InvitationId second = newInvitation(store, "bob@corp", OTHER_CODE);

    assertThat(store.findInvitation(first).orElseThrow().state())
        .isEqualTo(InvitationState.EXPIRED);
    assertThat(store.findPendingInvitation("bob@corp").orElseThrow().id()).isEqualTo(second);
    assertThat(store.findPendingInvitation("carol@corp").orElseThrow().id()).isEqualTo(other);
    assertThat(store.invitationCode(second).format()).isEqualTo(OTHER_CODE);
    assertThatThrownBy(() -> store.invitationCode(first))
        .isInstanceOfSatisfying(
            InvitationStateException.class,
            e -> assertThat(e.state()).isEqualTo(InvitationState.EXPIRED));
    assertThatThrownBy(() -> store.markUsed(first)).isInstanceOf(InvitationStateException.class);
    store.close();
    store = null;
    withJdbc(
        c -> {
          assertThat(sealedCodeOf(c, first)).isNull();
          assertThat(sealedCodeOf(c, second)).isNotEmpty();
          assertThat(sealedCodeOf(c, other)).isNotEmpty();
        });
  }

  @Test
  void findPendingInvitation_onlyEffectivelyPending() {
    assertThat(open().findPendingInvitation("bob@corp")).isEmpty();
    InvitationId id = newInvitation(store, "bob@corp");
    assertThat(store.findPendingInvitation("bob@corp").orElseThrow().id()).isEqualTo(id);
    assertThat(store.findPendingInvitation("carol@corp")).isEmpty();
    clock.now = T0.plus(KdcStore.DEFAULT_INVITATION_LIFETIME);
    assertThat(store.findPendingInvitation("bob@corp")).isEmpty();
    clock.now = T0;
    store.markUsed(id);
    assertThat(store.findPendingInvitation("bob@corp")).isEmpty();
  }

  @Test
  void invitationCode_afterLeavingPending_refusedAndDeleted() throws Exception {
    InvitationId used = newInvitation(open(), "bob@corp");
    InvitationId locked = newInvitation(store, "carol@corp");
    InvitationId expired = newInvitation(store, "dave@corp");
    store.markUsed(used);
    for (int i = 0; i < KdcStore.MAX_FAILED_ATTEMPTS; i++) {
      store.recordFailedAttempt(locked);
    }
    assertThatThrownBy(() -> store.invitationCode(used))
        .isInstanceOf(InvitationStateException.class)
        .hasMessageContaining("already used");
    assertThatThrownBy(() -> store.invitationCode(locked))
        .isInstanceOf(InvitationStateException.class)
        .hasMessageContaining("locked");
    assertThatThrownBy(() -> store.invitationCode(InvitationId.of(new byte[16])))
        .isInstanceOf(InvitationStateException.class)
        .hasMessageContaining("does not exist");
    assertThat(store.invitationCode(expired).format()).isEqualTo(CODE);
    clock.now = T0.plus(KdcStore.DEFAULT_INVITATION_LIFETIME);
    assertThatThrownBy(() -> store.invitationCode(expired))
        .isInstanceOf(InvitationStateException.class)
        .hasMessageContaining("expired");
    store.close();
    store = null;
    withJdbc(
        c -> {
          for (InvitationId id : List.of(used, locked, expired)) {
            assertThat(sealedCodeOf(c, id)).as("%s", id).isNull();
          }
        });
  }

  @Test
  void invitationCode_tamperedOrMovedRow_integrityError() throws Exception {
    InvitationId bob = newInvitation(open(), "bob@corp", CODE);
    InvitationId carol = newInvitation(store, "carol@corp", OTHER_CODE);
    store.close();
    store = null;
    withJdbc(
        c -> {
          byte[] sealed = sealedCodeOf(c, bob);
          setSealedCode(c, carol, sealed); // moved to another invitation: AAD differs
          sealed[15] ^= 1;
          setSealedCode(c, bob, sealed);
        });
    open();
    assertThatThrownBy(() -> store.invitationCode(bob))
        .isInstanceOf(KdcStoreIntegrityException.class)
        .hasMessageContaining("failed authentication");
    assertThatThrownBy(() -> store.invitationCode(carol))
        .isInstanceOf(KdcStoreIntegrityException.class);
  }

  @Test
  void invitationCode_otherKek_integrityError() {
    InvitationId id = newInvitation(open(), "bob@corp");
    store.close();
    store = KdcStore.open(sut.location(), TestRandom.kek(), clock);
    assertThatThrownBy(() -> store.invitationCode(id))
        .isInstanceOf(KdcStoreIntegrityException.class);
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
    store = KdcStore.open(sut.location(), TestRandom.kek(), clock);
    assertThatThrownBy(() -> store.loadMasterKey("alice@corp"))
        .isInstanceOf(KdcStoreIntegrityException.class);
  }

  @Test
  void dataDirectory_containsNoSecretBytes() throws Exception {
    Assumptions.assumeTrue(
        sut.files().isPresent(), "the database files are the server's, not this test's");
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
    String formatted = EnrollmentCode.parse(code).format();
    assertThat(formatted).isEqualTo(code);
    for (String s : List.of(code, code.replace("-", ""), mkId, mkPassword)) {
      needles.add(s.getBytes(StandardCharsets.UTF_8));
      needles.add(s.getBytes(StandardCharsets.UTF_16BE));
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sut.files().orElseThrow())) {
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
    return newInvitation(s, user, CODE);
  }

  private InvitationId newInvitation(KdcStore s, String user, String code) {
    return s.createInvitation(
        user, EnrollmentCode.parse(code), KdcStore.DEFAULT_INVITATION_LIFETIME);
  }

  @Test
  void open_derby_storesLargerLogIntervalsInTheDatabase() throws Exception {
    Assumptions.assumeTrue(sut.files().isPresent(), "Derby only");
    open().close();
    store = null;
    withJdbc(
        c -> {
          assertThat(derbyProperty(c, "derby.storage.logSwitchInterval"))
              .isEqualTo(Integer.toString(StoreDatabase.DERBY_LOG_SWITCH_BYTES));
          assertThat(derbyProperty(c, "derby.storage.checkpointInterval"))
              .isEqualTo(Integer.toString(StoreDatabase.DERBY_CHECKPOINT_BYTES));
        });
  }

  private static String derbyProperty(Connection c, String name) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)")) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private void withJdbc(StoreUnderTest.JdbcWork work) throws SQLException {
    sut.withJdbc(work);
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

  private static byte[] sealedCodeOf(Connection c, InvitationId id) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT sealed_code FROM kdc_invitation WHERE invitation_id = ?")) {
      st.setBytes(1, id.toBytes());
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  private static void setSealedCode(Connection c, InvitationId id, byte[] sealed)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("UPDATE kdc_invitation SET sealed_code = ? WHERE invitation_id = ?")) {
      st.setBytes(1, sealed);
      st.setBytes(2, id.toBytes());
      assertThat(st.executeUpdate()).isEqualTo(1);
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
