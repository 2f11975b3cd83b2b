package org.kdcmail.gateway;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.stream.Collectors;
import org.kdcmail.gateway.keys.KeyCachePolicy;
import org.kdcmail.gateway.server.GatewayTls;
import org.kdcmail.gateway.upstream.UpstreamServer;

/**
 * The gateway's effective configuration as logged once at start: every setting, the real listening
 * addresses and the TLS certificate's fingerprint. It holds no secrets: the settings have none (the
 * gateway logs in upstream with each client's own credentials and stores no password), and the TLS
 * private key is only named by its file.
 */
final class EffectiveConfiguration {
  private EffectiveConfiguration() {}

  /** The multi-line description. */
  static String describe(GatewaySettings s, GatewayEndpoints at, GatewayTls tls) {
    GatewayLimits l = s.limits();
    return String.join(
        System.lineSeparator(),
        "gateway configuration (effective):",
        row("home", s.home().toString()),
        row(
            "bind",
            s.bind().getHostAddress()
                + (s.loopbackOnly()
                    ? " (loopback only: login without TLS allowed)"
                    : " (login only after STARTTLS/STLS)")),
        row("smtp", hostPort(at.smtp())),
        row("pop3", hostPort(at.pop3())),
        row("http", hostPort(at.http())),
        row("upstream smtp", upstream(s.upstreamSmtp())),
        row("upstream pop3", upstream(s.upstreamPop3())),
        row(
            "kdc",
            s.kdcAddresses().stream()
                    .map(a -> a.getHostString() + ":" + a.getPort())
                    .collect(Collectors.joining(", "))
                + " (timeout "
                + words(s.kdcTimeout())
                + ")"),
        row("local domains", String.join(", ", s.localDomains())),
        row("unenrolled policy", s.unenrolledPolicy().name().toLowerCase(Locale.ROOT)),
        row("key cache", keyCache(s.keyCache())),
        row(
            "limits",
            "message "
                + l.maxMessageBytes()
                + " bytes, "
                + l.maxRecipients()
                + " recipients, line "
                + l.maxLineBytes()
                + " bytes, "
                + l.maxConnections()
                + " connections, client idle "
                + words(l.clientIdleTimeout())
                + ", upstream timeout "
                + words(l.upstreamTimeout())
                + ", in memory up to "
                + l.messageMemoryBytes()
                + " bytes"),
        row("tls", tls(s, tls)),
        row("subject placeholder", "\"" + s.subjectPlaceholder() + "\""),
        row("prompt wait", words(s.promptWait())));
  }

  /** A duration as people write it: "15 min", "20 s", "2 h". */
  static String words(java.time.Duration d) {
    long seconds = d.toSeconds();
    if (seconds >= 3600 && seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    if (seconds >= 60 && seconds % 60 == 0) {
      return seconds / 60 + " min";
    }
    return d.toMillis() % 1000 == 0 ? seconds + " s" : d.toMillis() + " ms";
  }

  private static String upstream(UpstreamServer u) {
    return u + ", stored password: none (each client's own login is used)";
  }

  private static String keyCache(KeyCachePolicy p) {
    return p.perMessage()
        ? "one message per unlock"
        : "dropped after " + words(p.idleTimeout()) + " idle";
  }

  private static String tls(GatewaySettings s, GatewayTls tls) {
    String where =
        s.tls()
            .map(f -> "certificate " + f.certificateChain() + ", key " + f.privateKey())
            .orElse("self-signed, in " + Gateway.selfSignedFolder(s.home()));
    return where + ", SHA-256 " + tls.fingerprint();
  }

  private static String hostPort(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  private static String row(String name, String value) {
    return "  " + String.format(Locale.ROOT, "%-20s", name) + value;
  }
}
