package org.kdcmail.bench.kdc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The KDC load driver (not JMH): closed-loop clients over loopback against kdcmail's KDC (started
 * in this JVM) or an MIT Kerberos KDC (started by {@code bench/kdc-load.sh}). For every cell of
 * clients × recipients it warms up, measures for a fixed time and prints one {@code RESULT} line
 * with requests/s, p50 and p99 latency, and the CPU time per request of this JVM (driver, plus the
 * KDC when it runs in-process) and of the server processes named with {@code --server-pids}. See
 * docs/benchmarks.md.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.kdcmail.bench.kdc.KdcLoad kdcmail --dir DIR
 * java -cp bench/target/benchmarks.jar org.kdcmail.bench.kdc.KdcLoad mit --krb5-conf F \
 *     --keytab F --principal alice --realm R [--service-prefix svc/host] [--services 200]
 * common: [--clients 1,8,64] [--recipients 1,10] [--warmup-seconds 5] [--seconds 15]
 *     [--jit-warmup-seconds 20] (once, 8 clients, before the first cell; not reported)
 *     [--server-pids PID,PID] (processes whose CPU time is reported per request, e.g. krb5kdc)
 * </pre>
 */
public final class KdcLoad {
  private KdcLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("kdcmail") || args[0].equals("mit"))) {
      System.err.println("usage: KdcLoad kdcmail|mit [options]; see the class javadoc");
      System.exit(2);
    }
    Map<String, String> options = options(args);
    List<Integer> clients = integers(options.getOrDefault("clients", "1,8,64"));
    List<Integer> recipients = integers(options.getOrDefault("recipients", "1,10"));
    Duration warmUp =
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-seconds", "5")));
    Duration measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "15")));
    List<Long> serverPids = new ArrayList<>();
    for (String pid : options.getOrDefault("server-pids", "").split(",")) {
      if (!pid.isBlank()) {
        serverPids.add(Long.parseLong(pid.trim()));
      }
    }
    CpuClock cpu = new CpuClock(serverPids);
    Duration jitWarmUp =
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("jit-warmup-seconds", "20")));
    try (LoadTarget target = target(args[0], options)) {
      // Once, before the matrix: let the JIT compile the hot paths (results discarded).
      new LoadCell(8, recipients.get(recipients.size() - 1), jitWarmUp, Duration.ofSeconds(1))
          .run(target, cpu);
      for (int r : recipients) {
        for (int c : clients) {
          CellResult result = new LoadCell(c, r, warmUp, measured).run(target, cpu);
          System.out.println(result.line());
        }
      }
    }
  }

  private static LoadTarget target(String kind, Map<String, String> options) throws Exception {
    if (kind.equals("kdcmail")) {
      String dir = options.get("dir");
      Path folder = dir == null ? Files.createTempDirectory("kdc-load-") : Path.of(dir);
      return KdcmailTarget.start(folder);
    }
    return MitTarget.login(
        Path.of(required(options, "krb5-conf")),
        Path.of(required(options, "keytab")),
        required(options, "principal"),
        options.getOrDefault("service-prefix", "svc/host"),
        Integer.parseInt(options.getOrDefault("services", "200")),
        required(options, "realm"));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static List<Integer> integers(String csv) {
    List<Integer> out = new ArrayList<>();
    for (String part : csv.split(",")) {
      out.add(Integer.parseInt(part.trim()));
    }
    return out;
  }
}
