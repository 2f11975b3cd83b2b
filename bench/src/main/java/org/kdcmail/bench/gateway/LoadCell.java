package org.kdcmail.bench.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one cell: one thread per worker, all started together, each running operations back to back
 * from the start until the end of the measured window (no new operation starts after it). Only
 * operations that complete inside the window (after {@code warmup}, before its end) are counted and
 * their latencies kept; throughput is those completions over the window. Starting no more than
 * {@code maxOps} operations in all (the cap keeps large messages within the office server's heap)
 * may end the window early: then it ends at the last completion.
 *
 * @param warmup how long to warm up
 * @param measure how long the measured window lasts
 * @param maxOps the most operations started in the cell, over all workers
 */
record LoadCell(Duration warmup, Duration measure, int maxOps) {

  /**
   * The outcome: the window's latencies and length, and how many operations of the whole cell
   * succeeded and failed.
   */
  record Outcome(
      long[] sortedNanos, long elapsedNanos, int accepted, int failures, String firstFailure) {
    int ops() {
      return sortedNanos.length;
    }
  }

  Outcome run(List<Operation> workers) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
    AtomicInteger tickets = new AtomicInteger();
    Tally tally = new Tally();
    List<LatencyRecorder> recorders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long windowStart = System.nanoTime() + warmup.toNanos();
    long windowEnd = windowStart + measure.toNanos();
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
                while (System.nanoTime() < windowEnd && tickets.incrementAndGet() <= maxOps) {
                  long t0 = System.nanoTime();
                  boolean ok = tally.attempt(op);
                  long t1 = System.nanoTime();
                  lastEnd.accumulateAndGet(t1, Math::max);
                  if (ok && t1 >= windowStart && t1 <= windowEnd) {
                    rec.record(t1 - t0);
                  }
                }
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
        Math.max(0, Math.min(windowEnd, lastEnd.get()) - windowStart),
        tally.accepted.get(),
        tally.failures.get(),
        tally.firstFailure.get());
  }

  /** Counts the cell's successes and failures, keeping the first failure's description. */
  private static final class Tally {
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicReference<String> firstFailure = new AtomicReference<>("");

    boolean attempt(Operation op) {
      try {
        op.run();
        accepted.incrementAndGet();
        return true;
      } catch (Exception e) {
        failures.incrementAndGet();
        firstFailure.compareAndSet("", e.toString());
        return false;
      }
    }
  }
}
