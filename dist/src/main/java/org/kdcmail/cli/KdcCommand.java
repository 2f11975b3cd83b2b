package org.kdcmail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.KdcInitializer;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcRestore;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;
import org.kdcmail.kdc.server.kek.Pkcs11Settings;
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
    description =
        "Create (init), run (serve) and restore from a backup (restore) the Key Distribution"
            + " Center.",
    subcommands = {KdcCommand.Init.class, KdcCommand.Serve.class, KdcCommand.Restore.class})
final class KdcCommand {
  @ParentCommand KdcmailCommand root;

  KdcPaths paths() throws java.io.IOException {
    return KdcPaths.underHome(root.home().ensureExists());
  }

  /**
   * What unwraps the KEK: the token PIN (from the configured PIN file, else asked) when the
   * settings name a PKCS#11 token, else the admin passphrase.
   */
  static char[] adminSecret(KdcSettings settings, PassphraseOption passphrase, boolean confirm)
      throws IOException {
    if (!settings.kekOnToken()) {
      return passphrase.read(confirm);
    }
    char[] pin = settings.pkcs11().readPin();
    return pin != null ? pin : Answers.terminal().secret("PKCS#11 token PIN");
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

    @Option(
        names = "--database-url",
        paramLabel = "URL",
        description =
            "A PostgreSQL JDBC URL (jdbc:postgresql://host:port/db) for the store and key bank,"
                + " shared by several KDC nodes; credentials from KDCMAIL_DB_USER and"
                + " KDCMAIL_DB_PASSWORD or KDCMAIL_DB_PASSWORD_FILE, never from this file."
                + " Default: embedded Derby in the KDC's folder.")
    String databaseUrl;

    @Option(
        names = "--pkcs11-config",
        paramLabel = "FILE",
        description =
            "Wrap the KEK with a non-extractable AES-256 key on a PKCS#11 token instead of the"
                + " admin passphrase. FILE holds library=, slot= or slot-index=, key-label="
                + " (created on the token if absent) and optionally pin-file=.")
    Path pkcs11Config;

    @Override
    public Integer call() throws Exception {
      KdcSettings settings =
          KdcSettings.defaults(InetAddress.getLocalHost().getHostName())
              .withSource(source)
              .withPort(port)
              .withBindAddress(bind)
              .withMetricsPort(metricsPort)
              .withDatabaseUrl(databaseUrl);
      if (pkcs11Config != null) {
        settings = settings.withPkcs11(Pkcs11Settings.readConfig(pkcs11Config));
      }
      if (!source.startsWith("device:")) {
        spec.commandLine()
            .getErr()
            .println(
                "kdcmail: no QRNG device configured: keys will come from the operating system"
                    + " (not quantum). Use --source device:PATH for a QRNG.");
      }
      char[] secret = adminSecret(settings, passphrase, true);
      try {
        KdcPaths paths = kdc.paths();
        IdentityFingerprint fingerprint =
            new KdcInitializer(paths, settings, Argon2Parameters.RFC9106_SECOND_RECOMMENDED)
                .initialize(secret);
        spec.commandLine().getOut().println("KDC initialized in " + paths.root());
        if (settings.kekOnToken()) {
          spec.commandLine()
              .getOut()
              .println(
                  "key-encryption key wrapped by the PKCS#11 key '"
                      + settings.pkcs11().keyLabel()
                      + "'; the token is needed at every start");
        }
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
      KdcPaths paths = kdc.paths();
      KdcSettings settings = KdcSettings.read(paths.settings());
      char[] secret = adminSecret(settings, passphrase, false);
      KdcServer server;
      try {
        server = KdcServer.start(paths, settings, secret);
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

  /** {@code kdcmail kdc restore --from DIR}. */
  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Restores a backup made by 'admin backup' into the KDC's folder, with the KDC stopped.",
        "The restored key bank's unused keys are discarded (they may have been handed out after"
            + " the backup); the bank refills at the next start."
      })
  static final class Restore implements Callable<Integer> {
    @ParentCommand KdcCommand kdc;
    @Spec CommandSpec spec;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "DIR",
        description = "A backup folder, or the folder given to 'admin backup' (newest is used).")
    Path from;

    @Option(
        names = "--force",
        description =
            "Replace an existing KDC in the folder (it is kept, renamed, beside the new one).")
    boolean force;

    @Override
    public Integer call() throws Exception {
      KdcRestore.Result result =
          new KdcRestore(kdc.paths(), Clock.systemUTC()).restore(from, force);
      PrintWriter out = spec.commandLine().getOut();
      out.println("restored " + result.backup() + " into " + kdc.paths().root());
      result
          .replacedFolderKeptAt()
          .ifPresent(p -> out.println("the replaced KDC folder was kept as " + p));
      out.println(
          "discarded "
              + result.discardedBankKeys()
              + " unused key-bank keys (they may have been handed out after the backup);"
              + " the bank refills at start");
      out.println("start the KDC with 'kdcmail kdc serve'");
      return 0;
    }
  }
}
