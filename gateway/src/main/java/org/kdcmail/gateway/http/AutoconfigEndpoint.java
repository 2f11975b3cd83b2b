package org.kdcmail.gateway.http;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.GatewaySettings;

/**
 * {@code GET /.well-known/autoconfig/mail/config-v1.1.xml} and {@code GET
 * /mail/config-v1.1.xml?emailaddress=...}: the {@link ThunderbirdAutoconfig} file for the local
 * domains (or the address's domain alone), naming the gateway by the address the request reached.
 * Ports come from the settings or, where those say 0 (any free port), from the endpoints file.
 */
final class AutoconfigEndpoint implements Endpoint {
  private final GatewaySettings settings;

  AutoconfigEndpoint(GatewaySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public HttpReply handle(GatewayRequest request) throws IOException {
    Optional<List<String>> domains = domains(request.query("emailaddress"));
    if (domains.isEmpty()) {
      return HttpReply.error(404, "this gateway serves no mail domain for that address");
    }
    Optional<Ports> ports = ports();
    if (ports.isEmpty()) {
      return HttpReply.error(503, "the gateway's mail ports are not known yet");
    }
    MailClientSettings client =
        new MailClientSettings(
            host(request.local().getAddress()),
            ports.get().smtp(),
            ports.get().pop3(),
            !settings.loopbackOnly());
    return HttpReply.text(
        ThunderbirdAutoconfig.CONTENT_TYPE, ThunderbirdAutoconfig.xml(client, domains.get()));
  }

  private Optional<List<String>> domains(Optional<String> address) {
    Set<String> local = settings.localDomains();
    Optional<String> asked =
        address
            .filter(a -> a.indexOf('@') > 0)
            .map(a -> a.substring(a.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
    if (asked.isPresent()) {
      return local.isEmpty() || local.contains(asked.get())
          ? Optional.of(List.of(asked.get()))
          : Optional.empty();
    }
    return local.isEmpty() ? Optional.empty() : Optional.of(local.stream().sorted().toList());
  }

  private Optional<Ports> ports() throws IOException {
    int smtp = settings.smtpPort();
    int pop3 = settings.pop3Port();
    if (smtp == 0 || pop3 == 0) {
      if (!Files.exists(GatewayEndpoints.file(settings.home()))) {
        return Optional.empty();
      }
      GatewayEndpoints running = GatewayEndpoints.read(settings.home());
      smtp = smtp == 0 ? running.smtp().getPort() : smtp;
      pop3 = pop3 == 0 ? running.pop3().getPort() : pop3;
    }
    return Optional.of(new Ports(smtp, pop3));
  }

  private static String host(InetAddress reached) {
    String literal = reached.getHostAddress();
    int scope = literal.indexOf('%');
    return scope < 0 ? literal : literal.substring(0, scope);
  }

  private record Ports(int smtp, int pop3) {}
}
