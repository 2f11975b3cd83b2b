package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract of the ReplayCacheTable on every database; subclasses pick the database. */
abstract class ReplayCacheTableContract {
  private static final Duration SKEW = Duration.ofMinutes(5);

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

  private static byte[] nonce(int n) {
    byte[] nonce = new byte[16];
    nonce[15] = (byte) n;
    nonce[0] = (byte) 0xA5;
    return nonce;
  }

  private boolean admit(String sender, byte[] nonce) {
    return f.store.replayCache().admit(sender, nonce, f.clock.instant(), SKEW);
  }

  @Test
  void admit_samePairTwice_secondRefusedAndAudited() {
    assertThat(admit("alice", nonce(1))).isTrue();
    assertThat(admit("alice", nonce(1))).isFalse();
    assertThat(admit("alice", nonce(2))).isTrue();

    List<AuditEntry> refused =
        f.store.audit().entries(AuditFilter.first(10).ofType(AuditType.REPLAY_REFUSED));
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).actor()).isEqualTo("alice");
    assertThat(refused.get(0).subject()).isEqualTo("a5000000000000000000000000000001");
  }

  @Test
  void admit_sameNonceFromTwoSenders_bothAdmitted() {
    assertThat(admit("alice", nonce(7))).isTrue();
    assertThat(admit("bob", nonce(7))).isTrue();
  }

  @Test
  void admit_afterRestart_replayStillRefused() {
    assertThat(admit("alice", nonce(3))).isTrue();
    f.restart();
    assertThat(admit("alice", nonce(3))).isFalse();
  }

  @Test
  void purgeExpired_afterSkew_deletesTheRow() {
    Instant t = f.clock.instant();
    assertThat(admit("alice", nonce(4))).isTrue();
    f.clock.advance(SKEW.minusSeconds(1));
    assertThat(f.store.replayCache().purgeExpired(f.clock.instant(), SKEW)).isZero();
    assertThat(f.store.replayCache().admit("alice", nonce(4), t, SKEW))
        .as("the copy, one second before its window closes")
        .isFalse();

    f.clock.advance(Duration.ofSeconds(2));
    assertThat(f.store.replayCache().purgeExpired(f.clock.instant(), SKEW)).isEqualTo(1);
    assertThatThrownBy(() -> f.store.replayCache().admit("alice", nonce(4), t, SKEW))
        .as("past its window the copy is a clock-skew refusal, not a cache question")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void admit_sameNonceUnderAnotherTime_anotherRequest() {
    Instant t = f.clock.instant();
    assertThat(f.store.replayCache().admit("alice", nonce(5), t, SKEW)).isTrue();
    assertThat(f.store.replayCache().admit("alice", nonce(5), t.plusMillis(1), SKEW))
        .as("only the holder of alice's master key can seal her nonce under another time")
        .isTrue();
    assertThat(f.store.replayCache().admit("alice", nonce(5), t, SKEW)).isFalse();
    assertThat(f.store.replayCache().admit("alice", nonce(5), t.plusMillis(1), SKEW)).isFalse();
  }

  @Test
  void admit_copyAfterTheSkewWasRaised_refusedWhileItsRowIsThere() {
    Instant t = f.clock.instant();
    assertThat(f.store.replayCache().admit("alice", nonce(6), t, SKEW)).isTrue();
    f.clock.advance(SKEW.plusSeconds(1));
    Duration raised = SKEW.multipliedBy(2);
    assertThat(f.store.replayCache().admit("alice", nonce(6), t, raised))
        .as("the first sighting's row has expired under the old skew but is not purged")
        .isFalse();
  }

  @Test
  void purgeExpired_rowOfALongerSkew_keptUntilItsOwnExpiry() {
    Instant t = f.clock.instant();
    Duration longer = SKEW.multipliedBy(2);
    assertThat(f.store.replayCache().admit("alice", nonce(8), t, longer)).isTrue();
    f.clock.advance(SKEW.plusSeconds(1));
    assertThat(f.store.replayCache().purgeExpired(f.clock.instant(), SKEW)).isZero();
    assertThat(f.store.replayCache().admit("alice", nonce(8), t, longer)).isFalse();
    f.clock.advance(SKEW);
    assertThat(f.store.replayCache().purgeExpired(f.clock.instant(), SKEW)).isEqualTo(1);
  }

  @Test
  void purgeExpired_isBoundedPerCall() {
    for (int i = 0; i < ReplayCacheTable.PURGE_BATCH + 10; i++) {
      byte[] nonce = nonce(0);
      nonce[1] = (byte) (i >> 8);
      nonce[2] = (byte) i;
      assertThat(admit("alice", nonce)).isTrue();
    }
    Instant later = f.clock.instant().plus(SKEW).plusSeconds(1);
    assertThat(f.store.replayCache().purgeExpired(later, SKEW))
        .isEqualTo(ReplayCacheTable.PURGE_BATCH);
    assertThat(f.store.replayCache().purgeExpired(later, SKEW)).isEqualTo(10);
  }

  @Test
  void admit_requestOlderThanSkew_rejectedAsProgrammerError() {
    Instant old = f.clock.instant().minus(SKEW).minusSeconds(1);
    assertThatThrownBy(() -> f.store.replayCache().admit("alice", nonce(1), old, SKEW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> admit("alice", new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void admit_samePairFromEightThreads_exactlyOneAdmitted() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<Boolean> task =
            () -> {
              start.await();
              return admit("alice", nonce(9));
            };
        results.add(pool.submit(task));
      }
      start.countDown();
      int admitted = 0;
      for (Future<Boolean> r : results) {
        admitted += r.get() ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(f.store.audit().verify().ok()).isTrue();
  }
}
