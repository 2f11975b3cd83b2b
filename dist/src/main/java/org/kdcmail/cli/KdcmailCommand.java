package org.kdcmail.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code kdcmail} command: global options and the list of subcommands. */
@Command(
    name = "kdcmail",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "Confidential office mail without a PKI: QRNG-backed KDC, mail gateway, plugin.",
    subcommands = {
      KdcCommand.class,
      AdminCommand.class,
      EnrollCommand.class,
      SignupCommand.class,
      DesktopCommand.class,
      UnlockCommand.class,
      LockCommand.class,
      StatusCommand.class,
      ClientSetupCommand.class,
      GatewayCommand.class,
      SandboxCommand.class,
      QrngCommand.class,
      CommandLine.HelpCommand.class
    })
public final class KdcmailCommand {

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "Folder for all of kdcmail's files (default: $KDCMAIL_HOME, else ~/.kdcmail).")
  private Path home;

  /** The home folder this invocation uses, resolved from --home, KDCMAIL_HOME or ~/.kdcmail. */
  HomeDirectory home() {
    return HomeDirectory.resolve(home, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * A command line with kdcmail's conventions: output in UTF-8, errors as one readable line on
   * standard error with exit status 1 (stack traces only with {@code KDCMAIL_DEBUG=1}).
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new KdcmailCommand());
    commandLine.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    commandLine.setExecutionExceptionHandler(new ReadableErrors());
    return commandLine;
  }
}
