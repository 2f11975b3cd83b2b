package org.kdcmail.bench.kdc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used so far by this JVM and by other processes (an MIT KDC and its workers), read from
 * the JVM and from {@code /proc/PID/stat} (utime + stime), so a cell can report CPU per request — a
 * figure that a machine shared with other work disturbs much less than requests per second.
 */
final class CpuClock {
  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final List<Long> serverPids;

  CpuClock(List<Long> serverPids) {
    this.serverPids = List.copyOf(serverPids);
  }

  /** CPU nanoseconds used by this JVM (the load driver, and an in-process KDC). */
  long driverNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU nanoseconds used by the server processes; 0 when there are none. */
  long serverNanos() {
    long ticks = 0;
    for (long pid : serverPids) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      } catch (IOException | RuntimeException e) {
        // the process is gone: it adds nothing more
      }
    }
    return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
  }
}
