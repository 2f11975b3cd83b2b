package org.kdcmail.bench.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The driver's command line: {@code --dir DIR} (scratch folder, required, must be empty or absent),
 * {@code --sizes 10240,1048576}, {@code --clients 1,16}, {@code --warmup-seconds 5}, {@code
 * --seconds 10}, {@code --pop3-messages 10} (messages per mailbox for retrieval), {@code
 * --max-large-ops 600} (cap per cell for messages of 1 MiB and more), {@code --only smtp|pop3}.
 */
record LoadOptions(
    Path dir,
    List<Integer> sizes,
    List<Integer> clients,
    Duration warmup,
    Duration measure,
    int pop3Messages,
    int maxLargeOps,
    String only) {

  static LoadOptions parse(String... args) {
    Path dir = null;
    List<Integer> sizes = List.of(10 << 10, 1 << 20);
    List<Integer> clients = List.of(1, 16);
    int warmup = 5;
    int seconds = 10;
    int pop3Messages = 10;
    int maxLargeOps = 600;
    String only = "";
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--dir" -> dir = Path.of(v);
        case "--sizes" -> sizes = ints(v);
        case "--clients" -> clients = ints(v);
        case "--warmup-seconds" -> warmup = Integer.parseInt(v);
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--pop3-messages" -> pop3Messages = Integer.parseInt(v);
        case "--max-large-ops" -> maxLargeOps = Integer.parseInt(v);
        case "--only" -> only = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("--dir DIR (an empty scratch folder) is required");
    }
    return new LoadOptions(
        dir,
        sizes,
        clients,
        Duration.ofSeconds(warmup),
        Duration.ofSeconds(seconds),
        pop3Messages,
        maxLargeOps,
        only);
  }

  boolean runs(String protocol) {
    return only.isEmpty() || only.equalsIgnoreCase(protocol);
  }

  int maxClients() {
    return clients.stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  /** The cap on operations started per cell for messages of {@code size} bytes. */
  int maxOps(int size) {
    return size >= 1 << 20 ? maxLargeOps : Integer.MAX_VALUE;
  }

  private static List<Integer> ints(String csv) {
    List<Integer> out = new ArrayList<>();
    Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).forEach(out::add);
    return List.copyOf(out);
  }
}
