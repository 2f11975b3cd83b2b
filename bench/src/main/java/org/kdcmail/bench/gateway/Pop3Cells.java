package org.kdcmail.bench.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The retrieval cells: for each size, the mailboxes of the first {@code max(clients)} users are
 * filled through the gateway (so they hold kdcmail ciphertext, as in production); then for each
 * client count, direct then gateway, each client fetches its own mailbox in whole POP3 sessions.
 * Through the gateway every session must return the messages decrypted; directly, the ciphertext.
 */
final class Pop3Cells {
  private final MailRig rig;
  private final LoadOptions options;
  private final GatewayTimers timers;

  Pop3Cells(MailRig rig, LoadOptions options) {
    this.rig = rig;
    this.options = options;
    this.timers = new GatewayTimers(rig.gatewayMetrics());
  }

  List<CellResult> run() throws Exception {
    List<CellResult> out = new ArrayList<>();
    for (int size : options.sizes()) {
      fill(size);
      for (int clients : options.clients()) {
        for (MailPath path : MailPath.values()) {
          out.add(cell(size, clients, path));
        }
      }
      rig.purge();
    }
    return out;
  }

  private void fill(int size) throws Exception {
    rig.purge();
    List<EnrolledUser> users = rig.users();
    int mailboxes = options.maxClients();
    for (int j = 0; j < mailboxes; j++) {
      EnrolledUser to = users.get(j);
      EnrolledUser from = users.get((j - 1 + users.size()) % users.size());
      byte[] raw = BenchMessage.of(from.address(), to.address(), size, j);
      try (SmtpSender s = SmtpSender.connect(rig.smtp(MailPath.GATEWAY), from, raw)) {
        for (int k = 0; k < options.pop3Messages(); k++) {
          s.send();
        }
      }
    }
    int expected = mailboxes * options.pop3Messages();
    if (!rig.awaitStored(expected, 60_000)) {
      throw new IllegalStateException("the office server did not store " + expected + " messages");
    }
  }

  private CellResult cell(int size, int clients, MailPath path) throws Exception {
    List<Operation> ops = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Pop3Session session = new Pop3Session(rig.pop3(path), rig.users().get(i));
      ops.add(() -> check(session.retrieveAll(), path));
    }
    GatewayTimers.Snapshot before = timers.snapshot();
    LoadCell.Outcome outcome =
        new LoadCell(options.warmup(), options.measure(), options.maxOps(size)).run(ops);
    String gatewayTimers = path == MailPath.GATEWAY ? timers.snapshot().describeSince(before) : "";
    CellResult result =
        new CellResult("POP3", size, clients, path, options.pop3Messages(), outcome, gatewayTimers);
    Progress.report(result);
    return result;
  }

  private void check(Pop3Session.Retrieved r, MailPath path) {
    if (r.messages() != options.pop3Messages()) {
      throw new IllegalStateException(
          "expected " + options.pop3Messages() + " messages, got " + r.messages());
    }
    boolean decrypted = r.firstStatus().startsWith("decrypted");
    if (decrypted != (path == MailPath.GATEWAY)) {
      throw new IllegalStateException(
          path.label() + " returned X-Kdcmail-Status '" + r.firstStatus() + "'");
    }
  }
}
