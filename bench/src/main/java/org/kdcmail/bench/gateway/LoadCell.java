package org.kdcmail.bench.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one cell: one thread per worker, all started together; a warm-up phase whose operations are
 * not recorded, then a measured phase; each phase ends at its deadline or after {@code maxOps}
 * operations in all, whichever comes first (the cap keeps large messages within the office server's
 * heap). An operation that started before the deadline is finished and counted; the elapsed time
 * runs until the last one ends.
 *
 * @param warmup how long to warm up
 * @param measure how long to measure
 * @param maxOps the most operations per phase, over all workers
 */
record LoadCell(Duration warmup, Duration measure, int maxOps) {

  /**
   * The outcome: the measured phase's latencies and elapsed time, and how many operations of both
   * phases succeeded and failed.
   */
  record Outcome(
      long[] sortedNanos, long elapsedNanos, int accepted, int failures, String firstFailure) {
    int ops() {
      return sortedNanos.length;
    }
  }

  Outcome run(List<Operation> workers) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    AtomicLong measureStart = new AtomicLong();
    AtomicLong lastEnd = new AtomicLong();
    AtomicInteger warmTickets = new AtomicInteger();
    AtomicInteger tickets = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>("");
    List<LatencyRecorder> recorders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    long warmEnd = t0 + warmup.toNanos() + Duration.ofMillis(200).toNanos();
    long end = warmEnd + measure.toNanos();
    measureStart.set(warmEnd);
    for (int i = 0; i < workers.size(); i++) {
      Operation op = workers.get(i);
      LatencyRecorder rec = new LatencyRecorder();
      recorders.add(rec);
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                while (System.nanoTime() < warmEnd && warmTickets.incrementAndGet() <= maxOps) {
                  attempt(op, null, accepted, failures, firstFailure);
                }
                while (System.nanoTime() < warmEnd) {
                  sleepQuietly();
                }
                while (System.nanoTime() < end && tickets.incrementAndGet() <= maxOps) {
                  attempt(op, rec, accepted, failures, firstFailure);
                }
                lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
              },
              "load-worker-" + i);
      threads.add(t);
      t.start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return new Outcome(
        LatencyRecorder.sortedUnion(recorders),
        lastEnd.get() - measureStart.get(),
        accepted.get(),
        failures.get(),
        firstFailure.get());
  }

  private static void attempt(
      Operation op,
      LatencyRecorder rec,
      AtomicInteger accepted,
      AtomicInteger failures,
      AtomicReference<String> firstFailure) {
    long t = System.nanoTime();
    try {
      op.run();
      accepted.incrementAndGet();
      if (rec != null) {
        rec.record(System.nanoTime() - t);
      }
    } catch (Exception e) {
      failures.incrementAndGet();
      firstFailure.compareAndSet("", e.toString());
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
