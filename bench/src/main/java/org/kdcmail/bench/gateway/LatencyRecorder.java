package org.kdcmail.bench.gateway;

import java.util.Arrays;

/**
 * Latencies of one worker, in nanoseconds, appended without locking (one writer); merged after the
 * cell for percentiles. Grows as needed.
 */
final class LatencyRecorder {
  private long[] samples = new long[1024];
  private int count;

  void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  int count() {
    return count;
  }

  /** Every sample of {@code recorders}, sorted ascending. */
  static long[] sortedUnion(Iterable<LatencyRecorder> recorders) {
    int total = 0;
    for (LatencyRecorder r : recorders) {
      total += r.count;
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencyRecorder r : recorders) {
      System.arraycopy(r.samples, 0, all, at, r.count);
      at += r.count;
    }
    Arrays.sort(all);
    return all;
  }

  /** The {@code q}-quantile (0 < q ≤ 1) of sorted samples, nearest rank; 0 when empty. */
  static long quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
