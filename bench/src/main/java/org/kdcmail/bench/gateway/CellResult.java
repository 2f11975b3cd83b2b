package org.kdcmail.bench.gateway;

/**
 * One measured cell: what ran, and the figures derived from its {@link LoadCell.Outcome}.
 *
 * @param protocol SMTP (submission) or POP3 (retrieval)
 * @param messagesPerOp messages per operation (1 per submission; the mailbox size per POP3 session)
 * @param gatewayTimers the gateway's own mean times over the cell (empty for the direct path)
 */
record CellResult(
    String protocol,
    int sizeBytes,
    int clients,
    MailPath path,
    int messagesPerOp,
    LoadCell.Outcome outcome,
    String gatewayTimers) {

  long messages() {
    return (long) outcome.ops() * messagesPerOp;
  }

  double messagesPerSecond() {
    return outcome.elapsedNanos() <= 0 ? 0 : messages() * 1e9 / outcome.elapsedNanos();
  }

  /** Quantile of the per-message latency in ms (an operation's time over its messages). */
  double latencyMillis(double q) {
    return LatencyRecorder.quantile(outcome.sortedNanos(), q) / 1e6 / messagesPerOp;
  }

  /** Wall time per message in ms at this concurrency: clients / throughput. */
  double millisPerMessage() {
    double rate = messagesPerSecond();
    return rate == 0 ? Double.NaN : clients * 1000.0 / rate;
  }

  String sizeLabel() {
    return sizeBytes >= 1 << 20 ? (sizeBytes >> 20) + " MiB" : (sizeBytes >> 10) + " KiB";
  }
}
