package org.kdcmail.kdc.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs tasks on a thread each, all released at once, and waits for every one. */
final class StartTogether {
  private StartTogether() {}

  /**
   * @throws java.util.concurrent.ExecutionException with the first failed task's exception
   */
  static void run(List<Callable<?>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Callable<?> task : tasks) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      for (Future<?> d : done) {
        d.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
