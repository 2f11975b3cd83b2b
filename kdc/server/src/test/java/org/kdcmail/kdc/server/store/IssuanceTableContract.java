package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.secrets.SecretBytes;

/** Contract of the IssuanceTable on every database; subclasses pick the database. */
abstract class IssuanceTableContract {
  private static final String BATCH_A = "00112233445566778899aabbccddeeff";
  private static final String BATCH_B = "ffeeddccbbaa99887766554433221100";

  @TempDir Path dataDir;
  LedgerFixture f;

  /** The database for one test; {@code dataDir} is the test's temp folder. */
  abstract StoreUnderTest storeUnderTest(Path dataDir);

  private final SecureRandom random = new SecureRandom();
  private final List<byte[]> rawKeys = new ArrayList<>();

  @BeforeEach
  void open() {
    f = new LedgerFixture(storeUnderTest(dataDir));
  }

  @AfterEach
  void close() {
    f.close();
  }

  private SecretBytes key() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    rawKeys.add(bytes.clone());
    return SecretBytes.copyOf(bytes);
  }

  private Issuance issuance(String keyId, String batch, String... recipients) {
    Map<String, SecretBytes> pairwise = new LinkedHashMap<>();
    for (String r : recipients) {
      pairwise.put(r, key());
    }
    Instant now = f.clock.instant();
    return new Issuance(
        keyId,
        "alice",
        now,
        now.plus(Duration.ofDays(30)),
        new IssuanceProvenance("device:/dev/qrandom0", "quantum", batch),
        key(),
        pairwise);
  }

  @Test
  void record_roundTrip_findRecipientsAndKeys() {
    Issuance is = issuance(BATCH_A + "-0", BATCH_A, "bob", "carol");
    f.store.issuances().record(is);
    f.restart();

    IssuanceRecord found = f.store.issuances().find(is.keyId()).orElseThrow();
    assertThat(found.sender()).isEqualTo("alice");
    assertThat(found.recipients()).containsExactly("bob", "carol");
    assertThat(found.issuedAt()).isEqualTo(LedgerFixture.T0);
    assertThat(found.notAfter()).isEqualTo(LedgerFixture.T0.plus(Duration.ofDays(30)));
    assertThat(found.provenance()).isEqualTo(is.provenance());
    assertThat(found.state()).isEqualTo(IssuanceState.ISSUED);
    assertThat(found.revokedAt()).isEmpty();

    assertThat(f.store.issuances().isRecipient(is.keyId(), "bob")).isTrue();
    assertThat(f.store.issuances().isRecipient(is.keyId(), "mallory")).isFalse();
    assertThat(f.store.issuances().isRecipient("no-such-key", "bob")).isFalse();
    assertThat(
            f.store
                .issuances()
                .openSessionKey(is.keyId())
                .orElseThrow()
                .equalsConstantTime(is.sessionKey()))
        .isTrue();
    assertThat(
            f.store
                .issuances()
                .openPairwiseKey(is.keyId(), "carol")
                .orElseThrow()
                .equalsConstantTime(is.pairwiseKeys().get("carol")))
        .isTrue();
    assertThat(f.store.issuances().openPairwiseKey(is.keyId(), "mallory")).isEmpty();
    assertThat(f.store.issuances().find("no-such-key")).isEmpty();

    List<AuditEntry> audit =
        f.store.audit().entries(AuditFilter.first(10).ofType(AuditType.ISSUANCE));
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).actor()).isEqualTo("alice");
    assertThat(audit.get(0).subject()).isEqualTo(is.keyId());
    assertThat(f.store.audit().verify().ok()).isTrue();
  }

  @Test
  void record_duplicateKeyId_refusedAndNothingWritten() {
    f.store.issuances().record(issuance("k1", BATCH_A, "bob"));
    assertThatThrownBy(() -> f.store.issuances().record(issuance("k1", BATCH_A, "mallory")))
        .isInstanceOf(DuplicateKeyIdException.class);
    assertThat(f.store.issuances().isRecipient("k1", "mallory")).isFalse();
    assertThat(f.store.audit().entries(AuditFilter.first(10))).hasSize(1);
    assertThat(f.store.audit().verify().ok()).isTrue();
  }

  @Test
  void revokeKey_thenKeysNoLongerOpen() {
    f.store.issuances().record(issuance("k1", BATCH_A, "bob"));
    assertThat(f.store.issuances().revokeKey("k1", "admin")).isTrue();
    assertThat(f.store.issuances().revokeKey("k1", "admin")).isFalse();
    assertThat(f.store.issuances().isRevoked("k1")).isTrue();
    assertThat(f.store.issuances().find("k1").orElseThrow().revokedAt()).isPresent();
    assertThat(f.store.issuances().openSessionKey("k1")).isEmpty();
    assertThat(f.store.issuances().openPairwiseKey("k1", "bob")).isEmpty();
    assertThat(f.store.audit().entries(AuditFilter.first(10).ofType(AuditType.REVOKE)))
        .singleElement()
        .satisfies(e -> assertThat(e.subject()).isEqualTo("k1"));
  }

  @Test
  void revokeBatch_revokesOnlyThatBatch() {
    f.store.issuances().record(issuance("a0", BATCH_A, "bob"));
    f.store.issuances().record(issuance("a1", BATCH_A, "carol"));
    f.store.issuances().record(issuance("b0", BATCH_B, "bob"));
    assertThat(f.store.issuances().revokeBatch(BATCH_A, "admin")).isEqualTo(2);
    assertThat(f.store.issuances().revokeBatch(BATCH_A, "admin")).isZero();
    assertThat(f.store.issuances().isRevoked("a0")).isTrue();
    assertThat(f.store.issuances().isRevoked("a1")).isTrue();
    assertThat(f.store.issuances().isRevoked("b0")).isFalse();
    assertThat(f.store.issuances().openSessionKey("b0")).isPresent();
  }

  @Test
  void sealedKeys_notInClearInDatabaseFiles() throws Exception {
    for (int i = 0; i < 5; i++) {
      f.store.issuances().record(issuance("scan-" + i, BATCH_A, "bob", "carol"));
    }
    Assumptions.assumeTrue(
        f.sut.files().isPresent(), "the database files are the server's, not this test's");
    f.close();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(f.sut.files().orElseThrow())) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    boolean keyIdSeen = false;
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (byte[] raw : rawKeys) {
        assertThat(KdcStoreContract.indexOf(content, raw))
            .as("key in clear in %s", file)
            .isEqualTo(-1);
      }
      keyIdSeen |= KdcStoreContract.indexOf(content, "scan-3".getBytes()) >= 0;
    }
    assertThat(keyIdSeen).as("the scan reads the table data").isTrue();
    f.store = f.open();
  }

  @Test
  void record_fewRecipients_keptInTheIssuanceRowAlone() throws Exception {
    Issuance is = issuance("k1", BATCH_A, "bob", "carol");
    f.store.issuances().record(is);
    f.withJdbc(
        c -> {
          assertThat(recipientRows(c, "k1")).isZero();
          assertThat(InlineRecipients.decode("k1", inlineRecipients(c, "k1")).keySet())
              .containsExactly("bob", "carol");
        });
  }

  @Test
  void record_recipientListTooLongForItsRow_keptInTheRecipientTable_sameAnswers() throws Exception {
    String[] many = new String[40];
    for (int i = 0; i < many.length; i++) {
      many[i] = String.format("recipient-%02d-", i) + "x".repeat(80) + "@example.org";
    }
    Issuance is = issuance("k1", BATCH_A, many);
    f.store.issuances().record(is);
    f.withJdbc(
        c -> {
          assertThat(inlineRecipients(c, "k1")).isNull();
          assertThat(recipientRows(c, "k1")).isEqualTo(many.length);
        });

    assertThat(f.store.issuances().find("k1").orElseThrow().recipients())
        .containsExactly(many)
        .isSorted();
    assertThat(f.store.issuances().isRecipient("k1", many[7])).isTrue();
    assertThat(f.store.issuances().isRecipient("k1", "mallory")).isFalse();
    assertThat(
            f.store
                .issuances()
                .openPairwiseKey("k1", many[39])
                .orElseThrow()
                .equalsConstantTime(is.pairwiseKeys().get(many[39])))
        .isTrue();
    assertThat(f.store.issuances().openPairwiseKey("k1", "mallory")).isEmpty();
    assertThat(f.store.issuances().revokeKey("k1", "admin")).isTrue();
    assertThat(f.store.issuances().openPairwiseKey("k1", many[0])).isEmpty();
  }

  @Test
  void tamperedSealedKeys_integrityError() throws Exception {
    f.store.issuances().record(issuance("k1", BATCH_A, "bob", "carol"));
    f.withJdbc(
        c -> {
          byte[] sealed;
          try (PreparedStatement st =
                  c.prepareStatement(
                      "SELECT sealed_session_key FROM kdc_issuance WHERE key_id = 'k1'");
              ResultSet rs = st.executeQuery()) {
            assertThat(rs.next()).isTrue();
            sealed = rs.getBytes(1);
          }
          sealed[sealed.length - 1] ^= 1;
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE kdc_issuance SET sealed_session_key = ? WHERE key_id = 'k1'")) {
            st.setBytes(1, sealed);
            assertThat(st.executeUpdate()).isEqualTo(1);
          }
          // giving carol bob's K_ABi must fail too (AAD binds the recipient)
          Map<String, byte[]> listed =
              new LinkedHashMap<>(InlineRecipients.decode("k1", inlineRecipients(c, "k1")));
          listed.put("carol", listed.get("bob"));
          setInlineRecipients(c, "k1", InlineRecipients.encode(listed).orElseThrow());
        });
    assertThatThrownBy(() -> f.store.issuances().openSessionKey("k1"))
        .isInstanceOf(KdcStoreIntegrityException.class);
    assertThatThrownBy(() -> f.store.issuances().openPairwiseKey("k1", "carol"))
        .isInstanceOf(KdcStoreIntegrityException.class);
    assertThat(f.store.issuances().openPairwiseKey("k1", "bob")).isPresent();
  }

  @Test
  void tamperedRecipientTableRow_integrityError() throws Exception {
    String bob = "bob-" + "b".repeat(300);
    String carol = "carol-" + "c".repeat(300);
    String[] many = new String[12];
    many[0] = bob;
    many[1] = carol;
    for (int i = 2; i < many.length; i++) {
      many[i] = "r" + i + "-" + "x".repeat(300);
    }
    f.store.issuances().record(issuance("k1", BATCH_A, many));
    f.withJdbc(
        c -> {
          assertThat(inlineRecipients(c, "k1")).as("kept in the table").isNull();
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE kdc_issuance_recipient SET sealed_pairwise_key = (SELECT"
                      + " sealed_pairwise_key FROM kdc_issuance_recipient WHERE key_id = 'k1' AND"
                      + " recipient = ?) WHERE key_id = 'k1' AND recipient = ?")) {
            st.setString(1, bob);
            st.setString(2, carol);
            assertThat(st.executeUpdate()).isEqualTo(1);
          }
        });
    assertThatThrownBy(() -> f.store.issuances().openPairwiseKey("k1", carol))
        .isInstanceOf(KdcStoreIntegrityException.class);
    assertThat(f.store.issuances().openPairwiseKey("k1", bob)).isPresent();
  }

  @Test
  void truncatedRecipientList_integrityErrorNamingTheKey() throws Exception {
    f.store.issuances().record(issuance("k1", BATCH_A, "bob", "carol"));
    f.withJdbc(
        c -> {
          byte[] listed = inlineRecipients(c, "k1");
          setInlineRecipients(c, "k1", Arrays.copyOf(listed, listed.length - 1));
        });
    assertThatThrownBy(() -> f.store.issuances().find("k1"))
        .isInstanceOf(KdcStoreIntegrityException.class)
        .hasMessageContaining("session key k1");
    assertThatThrownBy(() -> f.store.issuances().isRecipient("k1", "bob"))
        .isInstanceOf(KdcStoreIntegrityException.class);
    assertThatThrownBy(() -> f.store.issuances().openPairwiseKey("k1", "bob"))
        .isInstanceOf(KdcStoreIntegrityException.class);
  }

  private static byte[] inlineRecipients(Connection c, String keyId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT recipients FROM kdc_issuance WHERE key_id = ?")) {
      st.setString(1, keyId);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  private static void setInlineRecipients(Connection c, String keyId, byte[] value)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("UPDATE kdc_issuance SET recipients = ? WHERE key_id = ?")) {
      st.setBytes(1, value);
      st.setString(2, keyId);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  private static int recipientRows(Connection c, String keyId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT COUNT(*) FROM kdc_issuance_recipient WHERE key_id = ?")) {
      st.setString(1, keyId);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void issuance_invalidValues_rejected() {
    assertThatThrownBy(() -> issuance("k1", BATCH_A)).isInstanceOf(IllegalArgumentException.class);
    Instant now = f.clock.instant();
    assertThatThrownBy(
            () ->
                new Issuance(
                    "k1",
                    "alice",
                    now,
                    now,
                    new IssuanceProvenance("s", "quantum", BATCH_A),
                    key(),
                    Map.of("bob", key())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
