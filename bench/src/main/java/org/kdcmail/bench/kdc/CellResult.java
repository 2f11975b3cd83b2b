package org.kdcmail.bench.kdc;

import java.util.Locale;

/** The outcome of one cell: completed requests in the measured window and their latencies. */
record CellResult(
    String target,
    int clients,
    int recipients,
    long requests,
    long errors,
    double seconds,
    double p50Millis,
    double p99Millis,
    double driverCpuMicrosPerRequest,
    double serverCpuMicrosPerRequest) {

  double requestsPerSecond() {
    return requests / seconds;
  }

  /** One line, {@code RESULT target=… clients=… recipients=… req/s=… p50_ms=… p99_ms=…}. */
  String line() {
    return String.format(
        Locale.ROOT,
        "RESULT target=%s clients=%d recipients=%d req/s=%.0f p50_ms=%.2f p99_ms=%.2f"
            + " requests=%d errors=%d seconds=%.1f cpu_us_per_req(driver_jvm)=%.0f"
            + " cpu_us_per_req(server_procs)=%.0f",
        target,
        clients,
        recipients,
        requestsPerSecond(),
        p50Millis,
        p99Millis,
        requests,
        errors,
        seconds,
        driverCpuMicrosPerRequest,
        serverCpuMicrosPerRequest);
  }
}
