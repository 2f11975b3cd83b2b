package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.kdcmail.testing.RequiresProgram;

@RequiresProgram(
    value = {"initdb", "pg_ctl"},
    debianPackage = "postgresql")
class ReplayCacheTableOnPostgresqlTest extends ReplayCacheTableContract {
  @Override
  StoreUnderTest storeUnderTest(Path dataDir) {
    return StoreUnderTest.postgresql();
  }

  /** Two stores = two connections = two KDC nodes on one database. */
  @Test
  void admit_samePairOnTwoNodes_exactlyOneAdmittedEachRound() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (KdcStore second = f.open()) {
      KdcStore[] nodes = {f.store, second};
      int rounds = 50;
      for (int round = 0; round < rounds; round++) {
        byte[] nonce = new byte[16];
        nonce[0] = (byte) 0x5A;
        nonce[14] = (byte) (round >> 8);
        nonce[15] = (byte) round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (KdcStore node : nodes) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return node.replayCache()
                        .admit("alice", nonce, f.clock.instant(), Duration.ofMinutes(5));
                  }));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Boolean> r : results) {
          admitted += r.get() ? 1 : 0;
        }
        assertThat(admitted).as("round %d", round).isEqualTo(1);
      }
      AuditVerification v = second.audit().verify();
      assertThat(v.ok()).as(v.reason()).isTrue();
      assertThat(v.checkedEntries()).as("one REPLAY_REFUSED per round").isEqualTo(rounds);
    } finally {
      pool.shutdownNow();
    }
  }
}
