package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The committer's own guarantees, with a batch writer whose commit the test controls: callers are
 * answered only after their batch's commit returns, queued items are batched together, a failing
 * batch fails every caller in it (and only those), a lone caller commits on its own thread and
 * housekeeping runs on a thread of its own. The database side is tested on Derby and PostgreSQL in
 * {@link LedgerGroupCommitContract}.
 */
@Timeout(30)
class GroupCommitterTest {
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  /** A writer that records each batch and blocks its commit until the test opens the gate. */
  private static final class GatedWriter implements BatchWriter<Integer, String> {
    final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch firstBatchEntered = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    volatile RuntimeException failSecondBatch;

    @Override
    public List<String> writeAndCommit(List<Integer> items) {
      batches.add(List.copyOf(items));
      firstBatchEntered.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (batches.size() == 2 && failSecondBatch != null) {
        throw failSecondBatch;
      }
      List<String> results = new ArrayList<>();
      items.forEach(i -> results.add("committed " + i));
      return results;
    }
  }

  private Future<String> submit(GroupCommitter<Integer, String> committer, int item) {
    return callers.submit(() -> committer.submit(item));
  }

  @Test
  void submit_commitNotReturnedYet_callerStillWaits_thenGetsItsResult() throws Exception {
    GatedWriter writer = new GatedWriter();
    try (GroupCommitter<Integer, String> committer = new GroupCommitter<>("t", writer, 16)) {
      Future<String> result = submit(committer, 7);
      assertThat(writer.firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> result.get(300, TimeUnit.MILLISECONDS))
          .as("answered before its batch committed")
          .isInstanceOf(TimeoutException.class);
      writer.gate.countDown();
      assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("committed 7");
    }
  }

  @Test
  void submit_whileABatchCommits_queuedItemsGoInOneBatch() throws Exception {
    GatedWriter writer = new GatedWriter();
    try (GroupCommitter<Integer, String> committer = new GroupCommitter<>("t", writer, 16)) {
      Future<String> first = submit(committer, 0);
      assertThat(writer.firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> queued = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        queued.add(submit(committer, i));
      }
      awaitQueued(committer, queued);
      writer.gate.countDown();

      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("committed 0");
      for (int i = 1; i <= 10; i++) {
        assertThat(queued.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("committed " + i);
      }
      assertThat(writer.batches).hasSize(2);
      assertThat(writer.batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }
  }

  @Test
  void submit_batchFails_everyWaiterInItGetsTheError_laterBatchesWork() throws Exception {
    GatedWriter writer = new GatedWriter();
    writer.failSecondBatch = new KdcStoreException("disk full");
    try (GroupCommitter<Integer, String> committer = new GroupCommitter<>("t", writer, 16)) {
      Future<String> first = submit(committer, 0);
      assertThat(writer.firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> doomed = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        doomed.add(submit(committer, i));
      }
      awaitQueued(committer, doomed);
      writer.gate.countDown();

      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("committed 0");
      for (Future<String> f : doomed) {
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(KdcStoreException.class)
            .hasMessage("disk full");
      }
      assertThat(committer.submit(99)).isEqualTo("committed 99");
    }
  }

  @Test
  void submit_writerReturnsWrongCount_everyWaiterFails() {
    BatchWriter<Integer, String> broken = items -> List.of();
    try (GroupCommitter<Integer, String> committer = new GroupCommitter<>("t", broken, 16)) {
      assertThatThrownBy(() -> committer.submit(1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("0 results for 1 items");
    }
  }

  @Test
  void close_commitsWhatIsQueued_thenRefusesNewItems() throws Exception {
    GatedWriter writer = new GatedWriter();
    GroupCommitter<Integer, String> committer = new GroupCommitter<>("t", writer, 16);
    Future<String> first = submit(committer, 1);
    assertThat(writer.firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
    Future<String> queued = submit(committer, 2);
    awaitQueued(committer, List.of(queued));
    Future<?> closing = callers.submit(committer::close);
    writer.gate.countDown();
    closing.get(5, TimeUnit.SECONDS);

    assertThat(first.get()).isEqualTo("committed 1");
    assertThat(queued.get()).isEqualTo("committed 2");
    assertThatThrownBy(() -> committer.submit(3)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void submit_noBatchCommitting_callerCommitsOnItsOwnThread() {
    List<Thread> committedOn = new CopyOnWriteArrayList<>();
    BatchWriter<Integer, String> writer =
        items -> {
          committedOn.add(Thread.currentThread());
          return items.stream().map(i -> "committed " + i).toList();
        };
    try (GroupCommitter<Integer, String> committer = new GroupCommitter<>("t", writer, 16)) {
      assertThat(committer.submit(1)).isEqualTo("committed 1");
      assertThat(committer.submit(2)).isEqualTo("committed 2");
    }
    assertThat(committedOn).containsExactly(Thread.currentThread(), Thread.currentThread());
  }

  @Test
  void submit_housekeepingDue_runsOnTheHousekeepingThread_afterTheCallerIsAnswered()
      throws Exception {
    CountDownLatch housekeepingMayFinish = new CountDownLatch(1);
    CompletableFuture<String> housekeptOn = new CompletableFuture<>();
    BatchWriter<Integer, String> writer =
        new BatchWriter<>() {
          @Override
          public List<String> writeAndCommit(List<Integer> items) {
            return items.stream().map(i -> "committed " + i).toList();
          }

          @Override
          public Optional<Runnable> housekeepingAfter(int items) {
            return Optional.of(
                () -> {
                  housekeptOn.complete(Thread.currentThread().getName());
                  try {
                    housekeepingMayFinish.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
          }
        };
    try (GroupCommitter<Integer, String> committer = new GroupCommitter<>("ledger", writer, 16)) {
      assertThat(committer.submit(1))
          .as("answered while housekeeping blocks")
          .isEqualTo("committed 1");
      assertThat(housekeptOn.get(5, TimeUnit.SECONDS)).isEqualTo("ledger-housekeeping");
      housekeepingMayFinish.countDown();
    }
  }

  @Test
  void submit_callerInterrupted_stillCommitsAndAnswers_keepsTheInterrupt() throws Exception {
    List<Boolean> interruptedWhileCommitting = new CopyOnWriteArrayList<>();
    BatchWriter<Integer, String> writer =
        items -> {
          interruptedWhileCommitting.add(Thread.currentThread().isInterrupted());
          return items.stream().map(i -> "committed " + i).toList();
        };
    try (GroupCommitter<Integer, String> committer = new GroupCommitter<>("t", writer, 16)) {
      Future<Boolean> keptInterrupt =
          callers.submit(
              () -> {
                Thread.currentThread().interrupt();
                assertThat(committer.submit(5)).isEqualTo("committed 5");
                return Thread.currentThread().isInterrupted();
              });
      assertThat(keptInterrupt.get(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(interruptedWhileCommitting).containsExactly(false);
  }

  /** Waits until the callers' items are in the committer's queue. */
  private static void awaitQueued(GroupCommitter<Integer, String> committer, List<?> callers)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (committer.queued() < callers.size() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(committer.queued()).isEqualTo(callers.size());
  }
}
