package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
class AuditLogTableOnPostgresqlTest extends AuditLogTableContract {
  @Override
  StoreUnderTest storeUnderTest(Path dataDir) {
    return StoreUnderTest.postgresql();
  }

  /** Appends from three stores (three KDC nodes) at once never fork the chain. */
  @Test
  void append_fromThreeNodesConcurrently_chainVerifies() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (KdcStore second = f.open();
        KdcStore third = f.open()) {
      KdcStore[] nodes = {f.store, second, third};
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int n = 0; n < nodes.length; n++) {
        KdcStore node = nodes[n];
        String actor = "node" + n;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 40; i++) {
                    node.audit().append(AuditType.ISSUANCE, actor, "k" + i, "");
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> d : done) {
        d.get();
      }
      for (KdcStore node : nodes) {
        AuditVerification v = node.audit().verify();
        assertThat(v.ok()).as(v.reason()).isTrue();
        assertThat(v.checkedEntries()).isEqualTo(120);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
