package org.kdcmail.bench.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The gateway load driver: starts {@link MailRig} (GreenMail, KDC, enrolled and unlocked users,
 * gateway) and measures, in one run, SMTP submission and POP3 retrieval through the gateway against
 * the same client work straight to the office server, for each message size and client count;
 * prints a Markdown table. Usage: see {@link LoadOptions} and {@code bench/gateway-load.sh}.
 */
public final class GatewayLoad {
  private GatewayLoad() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("gateway-load: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<CellResult> results = new ArrayList<>();
    try (MailRig rig = MailRig.start(options.dir(), Math.max(2, options.maxClients()))) {
      System.err.printf("rig up: %d users enrolled and unlocked%n", rig.users().size());
      if (options.runs("smtp")) {
        results.addAll(new SmtpCells(rig, options).run());
      }
      if (options.runs("pop3")) {
        results.addAll(new Pop3Cells(rig, options).run());
      }
    }
    new ResultTable(results).print(System.out);
    System.exit(0);
  }
}
