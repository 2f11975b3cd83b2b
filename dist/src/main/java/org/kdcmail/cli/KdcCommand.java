package org.kdcmail.cli;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.KdcInitializer;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kdcmail kdc init|serve}: create and run the Key Distribution Center. */
@Command(
    name = "kdc",
    mixinStandardHelpOptions = true,
    description = "Create (init) and run (serve) the Key Distribution Center.",
    subcommands = {KdcCommand.Init.class, KdcCommand.Serve.class})
final class KdcCommand {
  @ParentCommand KdcmailCommand root;

  KdcPaths paths() throws java.io.IOException {
    return KdcPaths.underHome(root.home().ensureExists());
  }

  /** {@code kdcmail kdc init}. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Creates the KDC's folder (kdc/ under the home folder): settings, the key-encryption key"
            + " wrapped under the admin passphrase, the store and a new Ed25519 identity.",
        "Prints the identity fingerprint that users pin when they enroll."
      })
  static final class Init implements Callable<Integer> {
    @ParentCommand KdcCommand kdc;
    @Spec CommandSpec spec;
    @Mixin PassphraseOption passphrase;

    @Option(
        names = "--source",
        paramLabel = "SPEC",
        defaultValue = "system",
        description =
            "Entropy source: device:PATH (a QRNG) or system (not quantum). Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(
        names = "--port",
        defaultValue = "7750",
        description = "TCP port to listen on. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
        names = "--metrics-port",
        defaultValue = "7751",
        description =
            "Loopback port of the health and Prometheus metrics endpoint (-1 turns it off)."
                + " Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(
        names = "--bind",
        defaultValue = "127.0.0.1",
        description = "Address to listen on. Default: ${DEFAULT-VALUE} (loopback).")
    String bind;

    @Override
    public Integer call() throws Exception {
      KdcSettings settings =
          KdcSettings.defaults(InetAddress.getLocalHost().getHostName())
              .withSource(source)
              .withPort(port)
              .withBindAddress(bind)
              .withMetricsPort(metricsPort);
      if (!source.startsWith("device:")) {
        spec.commandLine()
            .getErr()
            .println(
                "kdcmail: no QRNG device configured: keys will come from the operating system"
                    + " (not quantum). Use --source device:PATH for a QRNG.");
      }
      char[] secret = passphrase.read(true);
      try {
        KdcPaths paths = kdc.paths();
        IdentityFingerprint fingerprint =
            new KdcInitializer(paths, settings, Argon2Parameters.RFC9106_SECOND_RECOMMENDED)
                .initialize(secret);
        spec.commandLine().getOut().println("KDC initialized in " + paths.root());
        spec.commandLine().getOut().println("identity fingerprint: " + fingerprint.format());
        return 0;
      } finally {
        Arrays.fill(secret, '\0');
      }
    }
  }

  /** {@code kdcmail kdc serve}. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Runs the KDC until interrupted (Ctrl-C).")
  static final class Serve implements Callable<Integer> {
    @ParentCommand KdcCommand kdc;
    @Spec CommandSpec spec;
    @Mixin PassphraseOption passphrase;

    @Override
    public Integer call() throws Exception {
      char[] secret = passphrase.read(false);
      KdcServer server;
      try {
        server = KdcServer.start(kdc.paths(), secret);
      } finally {
        Arrays.fill(secret, '\0');
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  },
                  "kdcmail-kdc-shutdown"));
      spec.commandLine()
          .getErr()
          .printf(
              "kdcmail: KDC listening on %s:%d, identity fingerprint %s; Ctrl-C stops it%n",
              server.settings().bindAddress(), server.port(), server.fingerprint().format());
      stopped.await();
      return 0;
    }
  }
}
