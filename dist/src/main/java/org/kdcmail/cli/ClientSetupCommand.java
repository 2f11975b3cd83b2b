package org.kdcmail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.control.ControlClient;
import org.kdcmail.gateway.control.GatewayStatus;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.http.MailClientSettings;
import org.kdcmail.gateway.http.ThunderbirdAutoconfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail client-setup}: the settings to type into Thunderbird, Outlook or Apple Mail for
 * the gateway, taken from the running gateway (its endpoints file, and its status when the control
 * token is readable) or the defaults (SMTP 127.0.0.1:2525, POP3 127.0.0.1:2110). With {@code
 * --thunderbird-isp DIR} it writes Thunderbird's autoconfig file {@code <domain>.xml} for each
 * local domain into DIR (Thunderbird's {@code isp/} folder). {@code --pair --user U} and {@code
 * --unpair --user U} pair the Thunderbird extension with the running gateway ({@link
 * ExtensionPairing}).
 */
@Command(
    name = "client-setup",
    mixinStandardHelpOptions = true,
    description = "Print mail-client settings for the gateway; write Thunderbird autoconfig files.")
final class ClientSetupCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @ParentCommand private KdcmailCommand parent;

  @Option(
      names = "--thunderbird-isp",
      paramLabel = "DIR",
      description = "Write <domain>.xml (Thunderbird autoconfig) for each mail domain into DIR.")
  private Path ispFolder;

  @Option(
      names = "--domain",
      paramLabel = "DOMAIN",
      description = "A mail domain (repeatable; default: the running gateway's local domains).")
  private List<String> domains = new ArrayList<>();

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "The gateway's name as mail clients reach it (default: its listening address).")
  private String host;

  @Option(
      names = "--pair",
      description =
          "Make a one-time code that pairs the Thunderbird extension with the gateway for --user.")
  private boolean pair;

  @Option(names = "--unpair", description = "Revoke every extension paired for --user.")
  private boolean unpair;

  @Option(names = "--user", paramLabel = "USER", description = "The user for --pair/--unpair.")
  private String user;

  @Override
  public Integer call() throws Exception {
    Path home = parent.home().path();
    if (pair || unpair) {
      return new ExtensionPairing(home, spec.commandLine().getOut()).run(user, pair);
    }
    Optional<GatewayEndpoints> running = GatewayOption.endpoints(home);
    Optional<GatewayStatus> status = running.flatMap(e -> status(home, e));
    MailClientSettings settings = settings(running);
    List<String> mailDomains = mailDomains(status);
    PrintWriter out = spec.commandLine().getOut();
    if (ispFolder != null) {
      writeIspFiles(out, settings, mailDomains);
    } else {
      new MailClientInstructions(settings, mailDomains, status.map(GatewayStatus::tlsFingerprint))
          .print(
              out,
              running.isPresent()
                  ? "the running gateway"
                  : "the defaults (no gateway is running for " + home + ")");
    }
    out.flush();
    return 0;
  }

  private MailClientSettings settings(Optional<GatewayEndpoints> running) {
    if (running.isEmpty()) {
      MailClientSettings d = MailClientSettings.defaults();
      return host == null ? d : new MailClientSettings(host, d.smtpPort(), d.pop3Port(), true);
    }
    InetSocketAddress smtp = running.get().smtp();
    InetAddress bound = smtp.getAddress();
    boolean loopback = bound.isLoopbackAddress();
    String name =
        host != null
            ? host
            : bound.isAnyLocalAddress()
                ? InetAddress.getLoopbackAddress().getHostAddress()
                : bound.getHostAddress();
    return new MailClientSettings(name, smtp.getPort(), running.get().pop3().getPort(), !loopback);
  }

  private List<String> mailDomains(Optional<GatewayStatus> status) {
    TreeSet<String> out = new TreeSet<>();
    domains.forEach(d -> out.add(d.toLowerCase(Locale.ROOT)));
    if (out.isEmpty()) {
      status.ifPresent(s -> out.addAll(s.localDomains()));
    }
    return List.copyOf(out);
  }

  private void writeIspFiles(PrintWriter out, MailClientSettings settings, List<String> mailDomains)
      throws IOException {
    if (mailDomains.isEmpty()) {
      throw new IOException(
          "no mail domain is known: name one with --domain DOMAIN (or start the gateway with"
              + " local domains configured)");
    }
    Files.createDirectories(ispFolder);
    for (String domain : mailDomains) {
      Path file = ispFolder.resolve(ThunderbirdAutoconfig.fileName(domain));
      Files.writeString(
          file, ThunderbirdAutoconfig.xml(settings, List.of(domain)), StandardCharsets.UTF_8);
      out.println("wrote " + file);
    }
  }

  /** The status, when this user can read the gateway's control token and the gateway answers. */
  private static Optional<GatewayStatus> status(Path home, GatewayEndpoints running) {
    try {
      Optional<UnlockToken> token = TokenFile.control(home).read();
      if (token.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          ControlClient.to(running.http(), GatewayOption.TIMEOUT).status(token.get()));
    } catch (IOException e) {
      return Optional.empty(); // the settings are still useful without the status
    }
  }
}
