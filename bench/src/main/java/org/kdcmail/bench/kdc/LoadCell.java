package org.kdcmail.bench.kdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one cell: {@code clients} threads, each with its own {@link LoadClient}, request back to
 * back (closed loop, no think time) for the warm-up and then for the measured duration. Only
 * requests that start and finish inside the measured window count.
 */
final class LoadCell {
  private final int clients;
  private final int recipients;
  private final Duration warmUp;
  private final Duration measured;

  LoadCell(int clients, int recipients, Duration warmUp, Duration measured) {
    this.clients = clients;
    this.recipients = recipients;
    this.warmUp = warmUp;
    this.measured = measured;
  }

  CellResult run(LoadTarget target, CpuClock cpu) throws Exception {
    List<LoadClient> loadClients = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        loadClients.add(target.client(i, recipients));
      }
      return measure(target.name(), loadClients, cpu);
    } finally {
      for (LoadClient c : loadClients) {
        c.close();
      }
    }
  }

  private CellResult measure(String name, List<LoadClient> loadClients, CpuClock cpu)
      throws Exception {
    long start = System.nanoTime() + warmUp.toNanos();
    long end = start + measured.toNanos();
    List<LatencyRecorder> recorders = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(loadClients.size());
    List<Thread> threads = new ArrayList<>();
    for (LoadClient client : loadClients) {
      LatencyRecorder recorder = new LatencyRecorder();
      recorders.add(recorder);
      Thread t =
          new Thread(
              () -> {
                try {
                  loop(client, recorder, errors, start, end);
                } finally {
                  done.countDown();
                }
              },
              "load-" + threads.size());
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    sleepUntil(start);
    long driver0 = cpu.driverNanos();
    long server0 = cpu.serverNanos();
    sleepUntil(end);
    long driverCpu = cpu.driverNanos() - driver0;
    long serverCpu = cpu.serverNanos() - server0;
    done.await();
    long[] sorted = LatencyRecorder.sortedUnion(recorders);
    double perRequest = Math.max(1, sorted.length) * 1000.0;
    return new CellResult(
        name,
        clients,
        recipients,
        sorted.length,
        errors.get(),
        measured.toNanos() / 1e9,
        LatencyRecorder.percentile(sorted, 50) / 1e6,
        LatencyRecorder.percentile(sorted, 99) / 1e6,
        driverCpu / perRequest,
        serverCpu / perRequest);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }

  private static void loop(
      LoadClient client, LatencyRecorder recorder, AtomicLong errors, long start, long end) {
    long firstErrorReported = 0;
    while (true) {
      long t0 = System.nanoTime();
      if (t0 >= end) {
        return;
      }
      try {
        client.request();
        long t1 = System.nanoTime();
        if (t0 >= start && t1 <= end) {
          recorder.add(t1 - t0);
        }
      } catch (Exception e) {
        if (t0 >= start) {
          errors.incrementAndGet();
        }
        if (firstErrorReported++ == 0) {
          System.err.println("request failed: " + e);
        }
      }
    }
  }
}
