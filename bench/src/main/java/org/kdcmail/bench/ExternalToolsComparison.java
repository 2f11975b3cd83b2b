package org.kdcmail.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.kdcmail.mime.MailUnwrapper;
import org.kdcmail.mime.MailWrapper;
import org.kdcmail.mime.OpenedTicket;
import org.kdcmail.mime.RecipientGrant;
import org.kdcmail.mime.RevocationCheck;
import org.kdcmail.mime.SeenKeyIds;
import org.kdcmail.mime.SessionMaterial;
import org.kdcmail.mime.TicketOpener;
import org.kdcmail.mime.Verdict;
import org.kdcmail.mime.WrapOptions;
import org.kdcmail.secrets.SecretBytes;

/**
 * kdcmail wrap/unwrap against {@code gpg --encrypt --armor} / {@code gpg --decrypt} and {@code
 * openssl cms -encrypt -aes256} (PEM) / {@code openssl cms -decrypt} on the same message files, 10
 * KB, 1 MB and 30 MB. The tools are timed as processes, start-up included (what a user pays);
 * kdcmail is timed in-process, file to file, after warm-up (what the gateway pays). Median of
 * {@code runs} (default 7; kdcmail: 3 × runs after 3 s of warm-up per size). Throwaway GNUPGHOME,
 * RSA key and self-signed certificate in a temp dir.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.kdcmail.bench.ExternalToolsComparison
 * [runs]}.
 */
public final class ExternalToolsComparison {

  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static final int[] SIZES = {10 * 1024, 1024 * 1024, 30 * 1024 * 1024};

  private ExternalToolsComparison() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path dir = Files.createTempDirectory("kdcmail-tools");
    Path gnupg = Files.createDirectory(dir.resolve("gnupg"));
    gnupg.toFile().setReadable(false, false);
    gnupg.toFile().setReadable(true, true);
    gnupg.toFile().setExecutable(true, true);
    try {
      setUp(dir, gnupg);
      System.out.printf(
          Locale.ROOT, "%-9s %-18s %10s %10s%n", "size", "operation", "median ms", "MB/s");
      for (int size : SIZES) {
        Path msg = dir.resolve("msg-" + size + ".eml");
        Files.write(msg, message(size));
        measure(dir, gnupg, msg, size, runs);
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  static byte[] message(int size) {
    byte[] head =
        ("From: alice@example.org\r\nTo: bob@example.org\r\nMessage-ID: <b@example.org>\r\n"
                + "Subject: bench\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] m = new byte[size];
    new Random(2).nextBytes(m);
    System.arraycopy(head, 0, m, 0, Math.min(head.length, size));
    return m;
  }

  private static void setUp(Path dir, Path gnupg) throws Exception {
    run(
        gnupg,
        "gpg",
        "--batch",
        "--passphrase",
        "",
        "--pinentry-mode",
        "loopback",
        "--quick-gen-key",
        "Bench <bench@example.test>",
        "default",
        "default",
        "never");
    run(
        gnupg,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:3072",
        "-nodes",
        "-keyout",
        dir.resolve("key.pem").toString(),
        "-out",
        dir.resolve("cert.pem").toString(),
        "-subj",
        "/CN=bench",
        "-days",
        "1");
  }

  private static void measure(Path dir, Path gnupg, Path msg, int size, int runs) throws Exception {
    Path gpgOut = dir.resolve("out.asc");
    Path gpgPlain = dir.resolve("out.gpg.eml");
    Path cmsOut = dir.resolve("out.pem");
    Path cmsPlain = dir.resolve("out.cms.eml");
    Path kdcOut = dir.resolve("out.kdcmail.eml");
    Path kdcPlain = dir.resolve("out.kdcmail.plain");
    String cert = dir.resolve("cert.pem").toString();
    String key = dir.resolve("key.pem").toString();
    byte[] ks = new byte[32];
    new Random(1).nextBytes(ks);
    MailUnwrapper unwrapper =
        MailUnwrapper.create(Clock.systemUTC(), RevocationCheck.NONE, SeenKeyIds.NONE);
    TicketOpener opener =
        (t, who) ->
            new OpenedTicket(
                "bench-key",
                ALICE,
                List.of(BOB),
                SecretBytes.copyOf(ks),
                SecretBytes.copyOf(ks),
                Instant.EPOCH,
                Instant.MAX);
    WrapOptions options = WrapOptions.builder().spoolDir(dir).build();
    Op kdcWrap =
        () -> {
          try (InputStream in = new BufferedInputStream(Files.newInputStream(msg), 1 << 16);
              OutputStream out = new BufferedOutputStream(Files.newOutputStream(kdcOut), 1 << 16)) {
            MailWrapper.wrap(
                in,
                out,
                new SessionMaterial(
                    "bench-key",
                    ALICE,
                    "kdc-bench",
                    SecretBytes.copyOf(ks),
                    List.of(
                        new RecipientGrant(
                            BOB, new byte[64], SecretBytes.copyOf(ks), new byte[32]))),
                options);
          }
        };
    Op kdcUnwrap =
        () -> {
          try (InputStream in = Files.newInputStream(kdcOut);
              OutputStream out =
                  new BufferedOutputStream(Files.newOutputStream(kdcPlain), 1 << 16)) {
            Verdict v = unwrapper.unwrap(in, BOB, opener, out, dir);
            if (!v.isReleased()) {
              throw new IllegalStateException(v.status().name());
            }
          }
        };
    // warm-up: the gateway is a long-running JVM; about 3 s of wrap + unwrap per size
    long until = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < until) {
      kdcWrap.run();
      kdcUnwrap.run();
    }
    report(size, "kdcmail wrap", time(3 * runs, kdcWrap));
    report(size, "kdcmail unwrap", time(3 * runs, kdcUnwrap));
    check(msg, kdcPlain);
    report(
        size,
        "gpg encrypt",
        time(
            runs,
            () ->
                run(
                    gnupg,
                    "gpg",
                    "--batch",
                    "--yes",
                    "--trust-model",
                    "always",
                    "--encrypt",
                    "--armor",
                    "-r",
                    "bench@example.test",
                    "-o",
                    gpgOut.toString(),
                    msg.toString())));
    report(
        size,
        "gpg decrypt",
        time(
            runs,
            () ->
                run(
                    gnupg,
                    "gpg",
                    "--batch",
                    "--yes",
                    "--pinentry-mode",
                    "loopback",
                    "--passphrase",
                    "",
                    "-o",
                    gpgPlain.toString(),
                    "--decrypt",
                    gpgOut.toString())));
    check(msg, gpgPlain);
    report(
        size,
        "openssl encrypt",
        time(
            runs,
            () ->
                run(
                    gnupg,
                    "openssl",
                    "cms",
                    "-encrypt",
                    "-aes256",
                    "-binary",
                    "-in",
                    msg.toString(),
                    "-out",
                    cmsOut.toString(),
                    "-outform",
                    "PEM",
                    cert)));
    report(
        size,
        "openssl decrypt",
        time(
            runs,
            () ->
                run(
                    gnupg,
                    "openssl",
                    "cms",
                    "-decrypt",
                    "-binary",
                    "-inform",
                    "PEM",
                    "-in",
                    cmsOut.toString(),
                    "-out",
                    cmsPlain.toString(),
                    "-recip",
                    cert,
                    "-inkey",
                    key)));
    check(msg, cmsPlain);
  }

  private static void check(Path a, Path b) throws IOException {
    if (Files.mismatch(a, b) != -1) {
      throw new IllegalStateException(b + " differs from " + a);
    }
  }

  @FunctionalInterface
  interface Op {
    void run() throws Exception;
  }

  private static double time(int runs, Op op) throws Exception {
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      op.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  private static void report(int size, String what, double ms) {
    System.out.printf(
        Locale.ROOT,
        "%-9s %-18s %10.2f %10.1f%n",
        size >= 1 << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB",
        what,
        ms,
        size / 1e6 / (ms / 1e3));
  }

  private static void run(Path gnupg, String... cmd) throws Exception {
    List<String> c = new ArrayList<>(Arrays.asList(cmd));
    ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true);
    pb.environment().put("GNUPGHOME", gnupg.toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + p.exitValue());
    }
  }
}
