package org.kdcmail.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.kdcmail.gateway.http.GatewayHttp;
import org.kdcmail.gateway.http.HealthCheck;
import org.kdcmail.gateway.pop3.Pop3Gateway;
import org.kdcmail.gateway.smtp.SmtpGateway;
import org.kdcmail.gateway.smtp.SmtpOptions;

/**
 * The production fronts {@link Gateway#start(GatewaySettings)} composes: {@link GatewayHttp} (its
 * {@code /health} checks that the office server and every KDC node accept connections), {@link
 * SmtpGateway} and {@link Pop3Gateway}.
 */
final class GatewayFronts {
  /** Bound on each health probe's connect. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private GatewayFronts() {}

  static Map<GatewayListener, FrontStarter> standard() {
    Map<GatewayListener, FrontStarter> fronts = new EnumMap<>(GatewayListener.class);
    fronts.put(
        GatewayListener.HTTP,
        (s, prompts, tls, registry) -> {
          GatewayHttp http = GatewayHttp.start(s, prompts, tls, registry, healthChecks(s));
          return new FrontStarter.Running(http.address(), http);
        });
    fronts.put(
        GatewayListener.SMTP,
        (s, prompts, tls, registry) -> {
          SmtpGateway smtp = SmtpGateway.start(s, prompts, tls, registry, SmtpOptions.DEFAULTS);
          return new FrontStarter.Running(smtp.address(), smtp);
        });
    fronts.put(
        GatewayListener.POP3,
        (s, prompts, tls, registry) -> {
          Pop3Gateway pop3 = Pop3Gateway.start(s, prompts, tls, registry);
          return new FrontStarter.Running(pop3.address(), pop3);
        });
    return fronts;
  }

  /** The office server's SMTP and POP3, and each KDC node, reachable over TCP. */
  static List<HealthCheck> healthChecks(GatewaySettings s) {
    List<HealthCheck> checks = new ArrayList<>();
    checks.add(
        HealthCheck.reachable(
            "upstream-smtp", s.upstreamSmtp().host(), s.upstreamSmtp().port(), PROBE_TIMEOUT));
    checks.add(
        HealthCheck.reachable(
            "upstream-pop3", s.upstreamPop3().host(), s.upstreamPop3().port(), PROBE_TIMEOUT));
    List<InetSocketAddress> kdcs = s.kdcAddresses();
    for (int i = 0; i < kdcs.size(); i++) {
      InetSocketAddress a = kdcs.get(i);
      checks.add(
          HealthCheck.reachable(
              kdcs.size() == 1 ? "kdc" : "kdc-" + (i + 1),
              a.getHostString(),
              a.getPort(),
              PROBE_TIMEOUT));
    }
    return checks;
  }
}
