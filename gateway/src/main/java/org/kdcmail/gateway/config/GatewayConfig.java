package org.kdcmail.gateway.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import org.kdcmail.gateway.GatewayLimits;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.UnenrolledPolicy;
import org.kdcmail.gateway.keys.KeyCachePolicy;
import org.kdcmail.gateway.upstream.UpstreamServer;

/**
 * The gateway's YAML configuration file ({@code kdcmail gateway serve --config FILE}), documented
 * by {@code docs/gateway.example.yaml}: every {@link GatewaySettings} field, with the same
 * defaults. Unknown keys and bad values are refused with the key and its line; relative file names
 * are relative to the configuration file's folder.
 */
public final class GatewayConfig {
  /** The KDC's port when an address in {@code kdc.addresses} names none. */
  public static final int DEFAULT_KDC_PORT = 7750;

  private GatewayConfig() {}

  /**
   * Reads {@code file} into settings.
   *
   * @param defaultHome the home folder when the file has no {@code home} key (the command's {@code
   *     --home}, {@code KDCMAIL_HOME} or {@code ~/.kdcmail})
   * @throws GatewayConfigException naming the line and key of the first problem
   * @throws IOException if the file cannot be read
   */
  public static GatewaySettings load(Path file, Path defaultHome) throws IOException {
    Path folder = file.toAbsolutePath().normalize().getParent();
    ConfigSection top = new ConfigSection(file, "", YamlTree.read(file));
    GatewaySettings.Builder b = GatewaySettings.builder();
    b.home(top.value("home", t -> folder.resolve(ConfigValues.text(t))).orElse(defaultHome));
    listen(top, b);
    upstream(top.requiredSection("upstream"), b);
    kdc(top.requiredSection("kdc"), b);
    b.localDomains(new LinkedHashSet<>(top.requiredList("local-domains", GatewayConfig::domain)));
    top.value("unenrolled-policy", t -> ConfigValues.choice(t, UnenrolledPolicy.class))
        .ifPresent(b::unenrolledPolicy);
    keyCache(top, b);
    limits(top, b);
    tls(top, folder, b);
    top.value("subject-placeholder", ConfigValues::text).ifPresent(b::subjectPlaceholder);
    top.value("prompt-wait", ConfigValues::duration).ifPresent(b::promptWait);
    top.finish();
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw top.error(e.getMessage());
    }
  }

  private static void listen(ConfigSection top, GatewaySettings.Builder b)
      throws GatewayConfigException {
    var listen = top.section("listen");
    if (listen.isEmpty()) {
      return;
    }
    ConfigSection s = listen.get();
    s.value("bind", ConfigValues::address).ifPresent(b::bind);
    s.value("smtp-port", ConfigValues::listenPort).ifPresent(b::smtpPort);
    s.value("pop3-port", ConfigValues::listenPort).ifPresent(b::pop3Port);
    s.value("http-port", ConfigValues::listenPort).ifPresent(b::httpPort);
    s.finish();
  }

  private static void upstream(ConfigSection s, GatewaySettings.Builder b)
      throws GatewayConfigException {
    b.upstreamSmtp(server(s.requiredSection("smtp")));
    b.upstreamPop3(server(s.requiredSection("pop3")));
    s.finish();
  }

  private static UpstreamServer server(ConfigSection s) throws GatewayConfigException {
    String host = s.required("host", ConfigValues::text);
    int port = s.required("port", ConfigValues::port);
    UpstreamServer.Security security =
        s.required("security", t -> ConfigValues.choice(t, UpstreamServer.Security.class));
    s.finish();
    return new UpstreamServer(host, port, security);
  }

  private static void kdc(ConfigSection s, GatewaySettings.Builder b)
      throws GatewayConfigException {
    b.kdcAddresses(s.requiredList("addresses", t -> ConfigValues.hostPort(t, DEFAULT_KDC_PORT)));
    s.value("timeout", ConfigValues::duration).ifPresent(b::kdcTimeout);
    s.finish();
  }

  private static void keyCache(ConfigSection top, GatewaySettings.Builder b)
      throws GatewayConfigException {
    var section = top.section("key-cache");
    if (section.isEmpty()) {
      return;
    }
    ConfigSection s = section.get();
    KeyCachePolicy d = KeyCachePolicy.defaults();
    b.keyCache(
        new KeyCachePolicy(
            s.value("idle-timeout", ConfigValues::duration).orElse(d.idleTimeout()),
            s.value("per-message", ConfigValues::bool).orElse(d.perMessage())));
    s.finish();
  }

  private static void limits(ConfigSection top, GatewaySettings.Builder b)
      throws GatewayConfigException {
    var section = top.section("limits");
    if (section.isEmpty()) {
      return;
    }
    ConfigSection s = section.get();
    GatewayLimits d = GatewayLimits.DEFAULTS;
    long maxMessage = s.value("max-message-size", ConfigValues::bytes).orElse(d.maxMessageBytes());
    int recipients = s.value("max-recipients", ConfigValues::positiveInt).orElse(d.maxRecipients());
    int line = s.value("max-line-length", ConfigValues::intBytes).orElse(d.maxLineBytes());
    int connections =
        s.value("max-connections", ConfigValues::positiveInt).orElse(d.maxConnections());
    var idle = s.value("client-idle-timeout", ConfigValues::duration).orElse(d.clientIdleTimeout());
    var upstream = s.value("upstream-timeout", ConfigValues::duration).orElse(d.upstreamTimeout());
    int memory = s.value("message-memory", ConfigValues::intBytes).orElse(d.messageMemoryBytes());
    s.finish();
    try {
      b.limits(
          new GatewayLimits(maxMessage, recipients, line, connections, idle, upstream, memory));
    } catch (IllegalArgumentException e) {
      throw s.error(e.getMessage());
    }
  }

  private static void tls(ConfigSection top, Path folder, GatewaySettings.Builder b)
      throws GatewayConfigException {
    var section = top.section("tls");
    if (section.isEmpty()) {
      return;
    }
    ConfigSection s = section.get();
    Path chain = s.required("certificate-chain", t -> folder.resolve(ConfigValues.text(t)));
    Path key = s.required("private-key", t -> folder.resolve(ConfigValues.text(t)));
    s.finish();
    b.tls(new GatewaySettings.TlsFiles(chain, key));
  }

  private static String domain(String text) {
    String d = ConfigValues.text(text).toLowerCase(Locale.ROOT);
    if (d.contains("@") || d.contains(" ") || d.startsWith(".") || d.endsWith(".")) {
      throw new IllegalArgumentException("is not a mail domain (e.g. example.test)");
    }
    return d;
  }
}
