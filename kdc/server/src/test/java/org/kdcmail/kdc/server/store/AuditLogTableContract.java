package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.server.store.AuditVerification.Problem;

/** Contract of the AuditLogTable on every database; subclasses pick the database. */
abstract class AuditLogTableContract {
  @TempDir Path dataDir;
  LedgerFixture f;

  /** The database for one test; {@code dataDir} is the test's temp folder. */
  abstract StoreUnderTest storeUnderTest(Path dataDir);

  @BeforeEach
  void open() {
    f = new LedgerFixture(storeUnderTest(dataDir));
  }

  @AfterEach
  void close() {
    f.close();
  }

  private void appendFive() {
    for (int i = 1; i <= 5; i++) {
      assertThat(f.store.audit().append("enrollment", "user" + i, "user" + i, "detail " + i))
          .isEqualTo(i);
    }
  }

  private void sql(String statement) throws Exception {
    f.withJdbc(
        c -> {
          try (PreparedStatement st = c.prepareStatement(statement)) {
            assertThat(st.executeUpdate()).isEqualTo(1);
          }
        });
  }

  @Test
  void verify_emptyLog_ok() {
    AuditVerification v = f.store.audit().verify();
    assertThat(v.ok()).isTrue();
    assertThat(v.checkedEntries()).isZero();
  }

  @Test
  void verify_appendedEntries_okAndReadable() {
    appendFive();
    f.restart();
    AuditVerification v = f.store.audit().verify();
    assertThat(v.ok()).isTrue();
    assertThat(v.checkedEntries()).isEqualTo(5);
    List<AuditEntry> entries = f.store.audit().entries(AuditFilter.first(3).after(1));
    assertThat(entries).extracting(AuditEntry::seq).containsExactly(2L, 3L, 4L);
    assertThat(entries.get(0).type()).isEqualTo(AuditType.ENROLLMENT);
    assertThat(entries.get(0).at()).isEqualTo(LedgerFixture.T0);
    assertThat(f.store.audit().entries(AuditFilter.first(10).withSubject("user4")))
        .extracting(AuditEntry::detail)
        .containsExactly("detail 4");
  }

  @Test
  void verify_editedDetail_reportsThatSeq() throws Exception {
    appendFive();
    sql("UPDATE kdc_audit SET detail = 'nothing happened' WHERE seq = 3");
    AuditVerification v = f.store.audit().verify();
    assertThat(v.problem()).isEqualTo(Problem.HASH_MISMATCH);
    assertThat(v.brokenSeq()).isEqualTo(3);
    assertThat(v.checkedEntries()).isEqualTo(2);
  }

  @Test
  void verify_editedTime_reportsThatSeq() throws Exception {
    appendFive();
    sql("UPDATE kdc_audit SET at_ms = at_ms + 1 WHERE seq = 5");
    assertThat(f.store.audit().verify().brokenSeq()).isEqualTo(5);
  }

  @Test
  void verify_deletedMiddleRow_reportsGap() throws Exception {
    appendFive();
    sql("DELETE FROM kdc_audit WHERE seq = 3");
    AuditVerification v = f.store.audit().verify();
    assertThat(v.problem()).isEqualTo(Problem.GAP);
    assertThat(v.brokenSeq()).isEqualTo(3);
  }

  @Test
  void verify_deletedAndRenumbered_reportsPrevHashMismatch() throws Exception {
    appendFive();
    sql("DELETE FROM kdc_audit WHERE seq = 3");
    sql("UPDATE kdc_audit SET seq = 3 WHERE seq = 4");
    AuditVerification v = f.store.audit().verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.brokenSeq()).isEqualTo(3);
  }

  @Test
  void verify_deletedLastRow_reportsHeadMismatch() throws Exception {
    appendFive();
    sql("DELETE FROM kdc_audit WHERE seq = 5");
    AuditVerification v = f.store.audit().verify();
    assertThat(v.problem()).isEqualTo(Problem.HEAD_MISMATCH);
    assertThat(v.brokenSeq()).isEqualTo(5);
    assertThat(v.reason()).contains("deleted");
  }

  @Test
  void append_unknownTypeOrOversizedDetail_rejected() {
    assertThatThrownBy(() -> f.store.audit().append("coffee", "a", "b", "c"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> f.store.audit().append(AuditType.INVITE, "admin", "bob", "x".repeat(1001)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(f.store.audit().verify().checkedEntries()).isZero();
  }

  @Test
  void encoding_knownVector() {
    byte[] encoding = AuditLogTable.encoding(new byte[32], 1, 0, "issuance", "alice", "k1", "");
    assertThat(java.util.HexFormat.of().formatHex(encoding))
        .isEqualTo(
            "00".repeat(32)
                + "01"
                + "0000000000000001"
                + "0000000000000000"
                + "00000008"
                + hex("issuance")
                + "00000005"
                + hex("alice")
                + "00000002"
                + hex("k1")
                + "00000000");
  }

  @Test
  void verify_rowRewrittenWithAnUnkeyedHash_detected() throws Exception {
    f.store.audit().append(AuditType.INVITE, "admin", "bob", "lifetime PT72H");
    long seq = f.store.audit().append(AuditType.DISABLE, "admin", "bob", "");
    // Someone with database access but without the KEK edits the last row and recomputes its hash
    // and the head the way an unkeyed chain would let them (SHA-256 over the canonical encoding).
    AuditEntry row = f.store.audit().entries(AuditFilter.first(10)).get(1);
    byte[][] prev = new byte[1][];
    f.withJdbc(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("SELECT prev_hash FROM kdc_audit WHERE seq = ?")) {
            st.setLong(1, seq);
            try (java.sql.ResultSet rs = st.executeQuery()) {
              assertThat(rs.next()).isTrue();
              prev[0] = rs.getBytes(1);
            }
          }
        });
    byte[] forged =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(
                AuditLogTable.encoding(
                    prev[0],
                    seq,
                    row.at().toEpochMilli(),
                    row.type().label(),
                    row.actor(),
                    row.subject(),
                    "forged"));
    f.withJdbc(
        c -> {
          try (PreparedStatement edit =
                  c.prepareStatement("UPDATE kdc_audit SET detail = ?, hash = ? WHERE seq = ?");
              PreparedStatement head =
                  c.prepareStatement("UPDATE kdc_audit_head SET last_hash = ? WHERE id = 1")) {
            edit.setString(1, "forged");
            edit.setBytes(2, forged);
            edit.setLong(3, seq);
            assertThat(edit.executeUpdate()).isEqualTo(1);
            head.setBytes(1, forged);
            assertThat(head.executeUpdate()).isEqualTo(1);
          }
        });

    AuditVerification v = f.store.audit().verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.brokenSeq()).isEqualTo(seq);
  }

  @Test
  void append_fromEightThreads_chainVerifies() throws Exception {
    List<Callable<?>> tasks = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      tasks.add(
          () -> {
            for (int i = 0; i < 25; i++) {
              f.store.audit().append(AuditType.ISSUANCE, "t" + thread, "k" + i, "");
            }
            return null;
          });
    }
    StartTogether.run(tasks);
    AuditVerification v = f.store.audit().verify();
    assertThat(v.ok()).as(v.reason()).isTrue();
    assertThat(v.checkedEntries()).isEqualTo(200);
  }

  private static String hex(String s) {
    return java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
