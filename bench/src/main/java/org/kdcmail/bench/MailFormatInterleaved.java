package org.kdcmail.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The 30 MiB wrap and unwrap against the raw limit as an interleaved A/B run: each round times
 * wrap, raw seal, unwrap and raw open back to back, so a busy machine slows both sides of each
 * ratio alike (JMH runs one benchmark after another, which on a shared machine compares different
 * moments). Prints the minimum and median time per operation and the ratios raw ÷ kdcmail. Run:
 * {@code java -cp bench/target/benchmarks.jar org.kdcmail.bench.MailFormatInterleaved [size]
 * [rounds]}.
 */
public final class MailFormatInterleaved {
  private MailFormatInterleaved() {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 31457280;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    MailFormatBenchmark b = new MailFormatBenchmark();
    b.size = size;
    b.setUp();
    long[][] t = new long[4][rounds];
    try {
      for (int i = -10; i < rounds; i++) { // ten rounds of warm-up
        long t0 = System.nanoTime();
        b.wrap();
        long t1 = System.nanoTime();
        b.rawGcmBase64Seal();
        long t2 = System.nanoTime();
        b.unwrap();
        long t3 = System.nanoTime();
        b.rawGcmBase64Open();
        long t4 = System.nanoTime();
        if (i >= 0) {
          t[0][i] = t1 - t0;
          t[1][i] = t2 - t1;
          t[2][i] = t3 - t2;
          t[3][i] = t4 - t3;
        }
      }
    } finally {
      b.tearDown();
    }
    for (long[] row : t) {
      Arrays.sort(row);
    }
    System.out.printf(Locale.ROOT, "size %d bytes, %d rounds%n", size, rounds);
    print("wrap", t[0], t[1]);
    print("unwrap", t[2], t[3]);
  }

  private static void print(String what, long[] kdcmail, long[] raw) {
    int mid = kdcmail.length / 2;
    System.out.printf(
        Locale.ROOT,
        "%-7s kdcmail min %.1f ms, median %.1f ms | raw min %.1f ms, median %.1f ms |"
            + " ratio raw/kdcmail min %.2f, median %.2f%n",
        what,
        kdcmail[0] / 1e6,
        kdcmail[mid] / 1e6,
        raw[0] / 1e6,
        raw[mid] / 1e6,
        (double) raw[0] / kdcmail[0],
        (double) raw[mid] / kdcmail[mid]);
  }
}
