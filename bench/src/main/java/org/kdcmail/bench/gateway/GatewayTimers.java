package org.kdcmail.bench.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway's own timers, read from its Prometheus endpoint: {@code kdcmail_smtp_kdc} (the KDC
 * request of a message), {@code kdcmail_smtp_relay} (wrapping and relaying one copy upstream: the
 * copy is encrypted while it is sent) and {@code kdcmail_pop3_processing} (fetching, decrypting and
 * preparing one message). Two snapshots give the mean of each over a cell.
 */
final class GatewayTimers {
  private static final String[] TIMERS = {
    "kdcmail_smtp_kdc_seconds", "kdcmail_smtp_relay_seconds", "kdcmail_pop3_processing_seconds"
  };

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI metrics;

  GatewayTimers(URI metrics) {
    this.metrics = metrics;
  }

  /** Sums and counts of every timer now. */
  Snapshot snapshot() throws IOException, InterruptedException {
    String body =
        http.send(
                HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Double> values = new HashMap<>();
    for (String line : body.split("\n")) {
      for (String timer : TIMERS) {
        for (String suffix : new String[] {"_sum", "_count"}) {
          if (line.startsWith(timer + suffix)) {
            String[] f = line.trim().split("\\s+");
            values.merge(timer + suffix, Double.parseDouble(f[f.length - 1]), Double::sum);
          }
        }
      }
    }
    return new Snapshot(values);
  }

  /** The timers at one moment. */
  record Snapshot(Map<String, Double> values) {
    /** Mean ms per event of {@code timer} between {@code before} and this, or NaN. */
    double meanMillisSince(Snapshot before, String timer) {
      double n = delta(before, timer + "_count");
      return n == 0 ? Double.NaN : delta(before, timer + "_sum") * 1000 / n;
    }

    /** "KDC a ms, relay b ms" or "processing c ms" for the timers that moved. */
    String describeSince(Snapshot before) {
      StringBuilder out = new StringBuilder();
      append(out, "KDC", meanMillisSince(before, TIMERS[0]));
      append(out, "wrap+relay", meanMillisSince(before, TIMERS[1]));
      append(out, "fetch+decrypt", meanMillisSince(before, TIMERS[2]));
      return out.toString();
    }

    private double delta(Snapshot before, String key) {
      return values.getOrDefault(key, 0.0) - before.values.getOrDefault(key, 0.0);
    }

    private static void append(StringBuilder out, String label, double ms) {
      if (!Double.isNaN(ms)) {
        out.append(out.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %.2f ms", label, ms));
      }
    }
  }
}
