package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.server.store.LedgerWrite.Outcome;
import org.kdcmail.secrets.SecretBytes;

/**
 * The ledger's group commit on a real database: a batch holding two copies of one request admits
 * and records exactly one and refuses the other without failing the batch; a batch that breaks a
 * constraint fails as a whole with nothing written; concurrent copies of one request through the
 * public API record exactly one issuance; the audit chain holds after all of it.
 */
abstract class LedgerGroupCommitContract {
  private static final Duration SKEW = Duration.ofMinutes(5);
  private static final String BATCH = "00112233445566778899aabbccddeeff";

  @TempDir Path dataDir;
  LedgerFixture f;
  private final SecureRandom random = new SecureRandom();

  abstract StoreUnderTest storeUnderTest(Path dataDir);

  @BeforeEach
  void open() {
    f = new LedgerFixture(storeUnderTest(dataDir));
  }

  @AfterEach
  void close() {
    f.close();
  }

  private RequestNonce nonce(String sender, int n) {
    byte[] nonce = new byte[16];
    nonce[0] = (byte) 0x3C;
    nonce[15] = (byte) n;
    return new RequestNonce(sender, nonce, f.clock.instant(), SKEW);
  }

  private SecretBytes key() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return SecretBytes.copyOf(bytes);
  }

  private Issuance issuance(String keyId, String sender) {
    Instant now = f.clock.instant();
    return new Issuance(
        keyId,
        sender,
        now,
        now.plus(Duration.ofDays(30)),
        new IssuanceProvenance("system", "os", BATCH),
        key(),
        Map.of("bob", key()));
  }

  private SealedIssuance sealed(Issuance is) {
    return ((IssuanceTable) f.store.issuances()).sealed(is);
  }

  private AuditVerification verified() {
    AuditVerification v = f.store.audit().verify();
    assertThat(v.ok()).as(v.reason()).isTrue();
    return v;
  }

  @Test
  void writeAndCommit_sameRequestTwiceInOneBatch_firstRecorded_copyRefused_restCommitted() {
    RequestNonce a = nonce("alice", 1);
    List<Outcome> outcomes =
        f.store
            .ledgerWriter()
            .writeAndCommit(
                List.of(
                    LedgerWrite.admitAndRecord(a, sealed(issuance(BATCH + "-1", "alice"))),
                    LedgerWrite.admitAndRecord(a, sealed(issuance(BATCH + "-2", "alice"))),
                    LedgerWrite.admit(nonce("carol", 1)),
                    LedgerWrite.record(sealed(issuance(BATCH + "-3", "dave")))));

    assertThat(outcomes).containsExactly(Outcome.DONE, Outcome.REPLAY, Outcome.DONE, Outcome.DONE);
    assertThat(f.store.issuances().find(BATCH + "-1")).isPresent();
    assertThat(f.store.issuances().find(BATCH + "-2")).as("the refused copy").isEmpty();
    assertThat(f.store.issuances().find(BATCH + "-3")).isPresent();
    assertThat(f.store.replayCache().probablySeen(nonce("carol", 1))).isTrue();
    assertThat(f.store.audit().entries(AuditFilter.first(10)))
        .extracting(AuditEntry::type)
        .containsExactly(AuditType.ISSUANCE, AuditType.REPLAY_REFUSED, AuditType.ISSUANCE);
    assertThat(verified().checkedEntries()).isEqualTo(3);
  }

  @Test
  void writeAndCommit_keyIdAlreadyRecorded_onlyThatItemRefused() {
    f.store.issuances().record(issuance(BATCH + "-1", "alice"));

    List<Outcome> outcomes =
        f.store
            .ledgerWriter()
            .writeAndCommit(
                List.of(
                    LedgerWrite.admitAndRecord(
                        nonce("alice", 2), sealed(issuance(BATCH + "-1", "alice"))),
                    LedgerWrite.admitAndRecord(
                        nonce("alice", 3), sealed(issuance(BATCH + "-4", "alice")))));

    assertThat(outcomes).containsExactly(Outcome.DUPLICATE_KEY_ID, Outcome.DONE);
    assertThat(f.store.issuances().find(BATCH + "-4")).isPresent();
    assertThat(verified().checkedEntries()).isEqualTo(2);
  }

  @Test
  void writeAndCommit_oneItemBreaksACheck_wholeBatchFails_nothingOfItWritten() {
    f.store.issuances().record(issuance(BATCH + "-0", "alice"));
    Issuance good = issuance(BATCH + "-1", "alice");
    SealedIssuance ok = sealed(good);
    SealedIssuance broken =
        new SealedIssuance(
            BATCH + "-2",
            "alice",
            ok.issuedAtMillis(),
            ok.issuedAtMillis(), // not_after must be after issued_at: a CHECK, not a duplicate
            ok.provenance(),
            ok.sealedSessionKey(),
            ok.sealedPairwiseKeys());

    assertThatThrownBy(
            () ->
                f.store
                    .ledgerWriter()
                    .writeAndCommit(
                        List.of(
                            LedgerWrite.admitAndRecord(nonce("alice", 1), ok),
                            LedgerWrite.admitAndRecord(nonce("alice", 2), broken))))
        .isInstanceOf(KdcStoreException.class)
        .hasMessageContaining("nothing of them was written");

    assertThat(f.store.issuances().find(BATCH + "-1")).isEmpty();
    assertThat(f.store.replayCache().probablySeen(nonce("alice", 1))).isFalse();
    assertThat(f.store.issuances().recordIfNew(nonce("alice", 1), good))
        .as("the failed batch did not consume the nonce")
        .isTrue();
    assertThat(verified().checkedEntries()).isEqualTo(2);
  }

  @Test
  void recordIfNew_concurrentCopiesOfOneRequest_exactlyOneRecorded_othersAudited()
      throws Exception {
    int copies = 16;
    ExecutorService pool = Executors.newFixedThreadPool(copies);
    try {
      RequestNonce n = nonce("alice", 9);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < copies; i++) {
        Issuance is = issuance(BATCH + "-c" + i, "alice");
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return f.store.issuances().recordIfNew(n, is);
                }));
      }
      start.countDown();
      int recorded = 0;
      for (Future<Boolean> r : results) {
        recorded += r.get() ? 1 : 0;
      }
      assertThat(recorded).isEqualTo(1);
      assertThat(f.store.audit().entries(AuditFilter.first(100).ofType(AuditType.ISSUANCE)))
          .hasSize(1);
      assertThat(verified().checkedEntries()).isEqualTo(copies);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void recordIfNew_manyConcurrentRequests_allRecorded_chainHoldsAfterRestart() throws Exception {
    int requests = 200;
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        RequestNonce n = nonce("user" + i, i);
        Issuance is = issuance(BATCH + "-m" + i, "user" + i);
        results.add(pool.submit(() -> f.store.issuances().recordIfNew(n, is)));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    f.restart();
    assertThat(verified().checkedEntries()).isEqualTo(requests);
    for (int i = 0; i < requests; i += 37) {
      assertThat(f.store.issuances().find(BATCH + "-m" + i)).isPresent();
      assertThat(f.store.issuances().recordIfNew(nonce("user" + i, i), issuance("x" + i, "u")))
          .as("replay after restart")
          .isFalse();
    }
  }

  @Test
  void adminAppendsDuringLedgerBatches_neverReadTheSameAuditHead_chainHolds() throws Exception {
    int threads = 4;
    int rounds = 15;
    List<Callable<?>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(
          () -> {
            for (int i = 0; i < rounds; i++) {
              String keyId = BATCH + "-" + thread + "-" + i;
              assertThat(
                      f.store
                          .ledgerWriter()
                          .writeAndCommit(
                              List.of(LedgerWrite.record(sealed(issuance(keyId, "alice"))))))
                  .containsExactly(Outcome.DONE);
            }
            return null;
          });
      tasks.add(
          () -> {
            for (int i = 0; i < rounds; i++) {
              f.store.audit().append(AuditType.DISABLE, "admin", "user" + thread, "");
            }
            return null;
          });
    }
    StartTogether.run(tasks);
    AuditVerification v = f.store.audit().verify();
    assertThat(v.ok()).as(v.reason()).isTrue();
    assertThat(v.checkedEntries()).isEqualTo(2L * threads * rounds);
  }
}
