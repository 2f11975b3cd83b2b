package org.kdcmail.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kdcmail.cli.sandbox.Sandbox;
import org.kdcmail.cli.sandbox.SandboxBanner;
import org.kdcmail.cli.sandbox.SandboxPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail sandbox}: the whole system on loopback with no set-up — an office mail server for
 * {@code example.test}, a KDC, alice and bob enrolled, the gateway — until Ctrl-C.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run everything on loopback: an office mail server for example.test (in memory), a KDC,"
          + " alice and bob enrolled, and the gateway in front; prints the credentials and the"
          + " mail-client settings. Runs until Ctrl-C.",
      "The KDC's folder, the client stores and the tokens go to the home folder; the databases to"
          + " --data, so that a second run keeps the users."
    })
final class SandboxCommand implements Callable<Integer> {
  @ParentCommand KdcmailCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Folder for the KDC's databases (default: sandbox-data in the home folder).")
  Path data;

  @Option(
      names = "--smtp-port",
      defaultValue = "2525",
      description = "Gateway SMTP port. Default: ${DEFAULT-VALUE}.")
  int smtpPort;

  @Option(
      names = "--pop3-port",
      defaultValue = "2110",
      description = "Gateway POP3 port. Default: ${DEFAULT-VALUE}.")
  int pop3Port;

  @Option(
      names = "--http-port",
      defaultValue = "2180",
      description = "Gateway HTTP port (health, metrics, unlock). Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(
      names = "--office-smtp-port",
      defaultValue = "3025",
      description = "Office mail server's SMTP port. Default: ${DEFAULT-VALUE}.")
  int officeSmtpPort;

  @Option(
      names = "--office-pop3-port",
      defaultValue = "3110",
      description = "Office mail server's POP3 port. Default: ${DEFAULT-VALUE}.")
  int officePop3Port;

  @Option(
      names = "--kdc-port",
      defaultValue = "7750",
      description = "KDC port. Default: ${DEFAULT-VALUE}.")
  int kdcPort;

  @Override
  public Integer call() throws Exception {
    HomeDirectory home = root.home();
    Path homePath = home.ensureExists();
    Path dataPath =
        (data != null ? data : homePath.resolve("sandbox-data")).toAbsolutePath().normalize();
    SandboxPorts ports;
    try {
      ports =
          new SandboxPorts(smtpPort, pop3Port, httpPort, officeSmtpPort, officePop3Port, kdcPort);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    var err = spec.commandLine().getErr();
    Sandbox sandbox =
        Sandbox.start(homePath, dataPath, ports, line -> err.println("sandbox: " + line));
    String command =
        "./kdcmail" + (home.origin() == HomeDirectory.Origin.DEFAULT ? "" : " --home " + homePath);
    spec.commandLine().getOut().print(SandboxBanner.text(sandbox, homePath, command));
    spec.commandLine().getOut().flush();
    StopSignal.awaitThenClose(sandbox);
    err.println(
        "sandbox: stopped; the office server's mail is gone, the users and their client stores"
            + " stay for the next run");
    return 0;
  }
}
