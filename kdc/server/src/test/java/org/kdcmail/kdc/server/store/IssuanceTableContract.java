package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
          // moving bob's K_ABi into carol's row must fail too (AAD binds the recipient)
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE kdc_issuance_recipient SET sealed_pairwise_key = (SELECT"
                      + " sealed_pairwise_key FROM kdc_issuance_recipient WHERE key_id = 'k1' AND"
                      + " recipient = 'bob') WHERE key_id = 'k1' AND recipient = 'carol'")) {
            assertThat(st.executeUpdate()).isEqualTo(1);
          }
        });
    assertThatThrownBy(() -> f.store.issuances().openSessionKey("k1"))
        .isInstanceOf(KdcStoreIntegrityException.class);
    assertThatThrownBy(() -> f.store.issuances().openPairwiseKey("k1", "carol"))
        .isInstanceOf(KdcStoreIntegrityException.class);
    assertThat(f.store.issuances().openPairwiseKey("k1", "bob")).isPresent();
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
