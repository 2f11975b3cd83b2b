package org.kdcmail.bench.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The submission cells: for each size and client count, direct then gateway, each client its own
 * user sending to the next user on one logged-in connection. After each cell the office server must
 * hold exactly one stored copy per accepted message (every 250 accounted for), then it is emptied.
 */
final class SmtpCells {
  private final MailRig rig;
  private final LoadOptions options;
  private final GatewayTimers timers;

  SmtpCells(MailRig rig, LoadOptions options) {
    this.rig = rig;
    this.options = options;
    this.timers = new GatewayTimers(rig.gatewayMetrics());
  }

  List<CellResult> run() throws Exception {
    List<CellResult> out = new ArrayList<>();
    for (int size : options.sizes()) {
      for (int clients : options.clients()) {
        for (MailPath path : MailPath.values()) {
          out.add(cell(size, clients, path));
        }
      }
    }
    return out;
  }

  private CellResult cell(int size, int clients, MailPath path) throws Exception {
    rig.purge();
    List<SmtpSender> senders = new ArrayList<>();
    try {
      List<EnrolledUser> users = rig.users();
      for (int i = 0; i < clients; i++) {
        EnrolledUser from = users.get(i);
        EnrolledUser to = users.get((i + 1) % users.size());
        byte[] raw = BenchMessage.of(from.address(), to.address(), size, i);
        senders.add(SmtpSender.connect(rig.smtp(path), from, raw));
      }
      List<Operation> ops = new ArrayList<>();
      senders.forEach(s -> ops.add(s::send));
      GatewayTimers.Snapshot before = timers.snapshot();
      LoadCell.Outcome outcome =
          new LoadCell(options.warmup(), options.measure(), options.maxOps(size)).run(ops);
      String gatewayTimers =
          path == MailPath.GATEWAY ? timers.snapshot().describeSince(before) : "";
      CellResult result = new CellResult("SMTP", size, clients, path, 1, outcome, gatewayTimers);
      Progress.report(result);
      checkStored(outcome.accepted(), path);
      return result;
    } finally {
      for (SmtpSender s : senders) {
        s.close();
      }
      rig.purge();
    }
  }

  private void checkStored(int accepted, MailPath path) {
    if (!rig.awaitStored(accepted, 60_000) || rig.storedMessages() != accepted) {
      throw new IllegalStateException(
          path.label()
              + ": "
              + accepted
              + " messages were accepted but the office server holds "
              + rig.storedMessages());
    }
  }
}
