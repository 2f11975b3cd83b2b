package org.kdcmail.bench.gateway;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the cells as a Markdown table, each gateway row followed by its ratios to the direct row
 * of the same protocol, size and concurrency: throughput (gateway ÷ direct) and time per message
 * (gateway ÷ direct).
 */
final class ResultTable {
  private final List<CellResult> cells;

  ResultTable(List<CellResult> cells) {
    this.cells = List.copyOf(cells);
  }

  void print(PrintStream out) {
    out.println(
        "| protocol | size | clients | path | messages | msg/s | ms/msg | p50 ms | p99 ms |"
            + " throughput vs direct | time/msg vs direct | failures | gateway's own timers (mean) |");
    out.println(
        "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (CellResult c : cells) {
      Optional<CellResult> direct = c.path() == MailPath.GATEWAY ? directOf(c) : Optional.empty();
      out.println(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %s | %d | %.1f | %.2f | %.2f | %.2f | %s | %s | %d | %s |",
              c.protocol(),
              c.sizeLabel(),
              c.clients(),
              c.path().label(),
              c.messages(),
              c.messagesPerSecond(),
              c.millisPerMessage(),
              c.latencyMillis(0.50),
              c.latencyMillis(0.99),
              direct.map(d -> ratio(c.messagesPerSecond() / d.messagesPerSecond())).orElse(""),
              direct.map(d -> ratio(c.millisPerMessage() / d.millisPerMessage())).orElse(""),
              c.outcome().failures(),
              c.gatewayTimers()));
    }
  }

  private Optional<CellResult> directOf(CellResult g) {
    return cells.stream()
        .filter(
            c ->
                c.path() == MailPath.DIRECT
                    && c.protocol().equals(g.protocol())
                    && c.sizeBytes() == g.sizeBytes()
                    && c.clients() == g.clients())
        .findFirst();
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f×", r);
  }
}
