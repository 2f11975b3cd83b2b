package org.kdcmail.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One line on stderr per finished cell, with the machine's load average at that moment. */
final class Progress {
  private Progress() {}

  static void report(CellResult c) {
    System.err.printf(
        Locale.ROOT,
        "%s %s x%d %-7s %6d msgs %8.1f msg/s p50 %.2f ms p99 %.2f ms failures %d %s [%s] load %s%n",
        c.protocol(),
        c.sizeLabel(),
        c.clients(),
        c.path().label(),
        c.messages(),
        c.messagesPerSecond(),
        c.latencyMillis(0.5),
        c.latencyMillis(0.99),
        c.outcome().failures(),
        c.outcome().firstFailure(),
        c.gatewayTimers(),
        loadAverage());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
