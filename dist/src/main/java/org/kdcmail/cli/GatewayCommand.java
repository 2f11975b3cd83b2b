package org.kdcmail.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kdcmail.gateway.Gateway;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kdcmail gateway serve --config FILE}: runs the mail gateway on its own. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = "Run the mail gateway (serve).",
    subcommands = {GatewayCommand.Serve.class})
final class GatewayCommand {
  @ParentCommand KdcmailCommand root;

  /** {@code kdcmail gateway serve}. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Runs the gateway configured by FILE (see docs/gateway.example.yaml) until Ctrl-C or"
            + " SIGTERM.",
        "Its home folder is the file's 'home' key, else --home, KDCMAIL_HOME or ~/.kdcmail."
      })
  static final class Serve implements Callable<Integer> {
    @ParentCommand GatewayCommand gateway;
    @Spec CommandSpec spec;

    @Option(
        names = "--config",
        required = true,
        paramLabel = "FILE",
        description = "The gateway's YAML configuration file.")
    Path config;

    @Override
    public Integer call() throws Exception {
      GatewaySettings settings = GatewayConfig.load(config, gateway.root.home().path());
      new HomeDirectory(settings.home(), HomeDirectory.Origin.OPTION).ensureExists();
      Gateway running = Gateway.start(settings);
      GatewayEndpoints at = running.endpoints();
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "kdcmail: gateway listening: SMTP %s, POP3 %s, HTTP %s; Ctrl-C stops it%n",
          hostPort(at.smtp()), hostPort(at.pop3()), hostPort(at.http()));
      err.flush();
      StopSignal.awaitThenClose(running);
      err.println("kdcmail: gateway stopped");
      return 0;
    }

    private static String hostPort(java.net.InetSocketAddress a) {
      return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
  }
}
