package org.kdcmail.gateway.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.keys.KeyCachePolicy;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.server.GatewayTls;
import org.kdcmail.gateway.upstream.UpstreamServer;
import org.kdcmail.kdc.protocol.MasterKey;

/** A started {@link GatewayHttp} in a temporary home, and a raw HTTP client for it. */
final class HttpFixture implements AutoCloseable {
  static final String ALICE = "alice@example.test";
  static final String BOB = "bob@example.test";

  final Path home;
  final UnlockedKeys keys = UnlockedKeys.create(KeyCachePolicy.defaults());
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final GatewayTls tls;
  final GatewayHttp http;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpFixture(Path home, GatewaySettings.Builder settings, List<HealthCheck> checks)
      throws IOException {
    this.home = home;
    this.tls = GatewayTls.selfSigned(home.resolve("gateway").resolve("tls"));
    this.http = GatewayHttp.start(settings.build(), keys, tls, registry, checks);
  }

  HttpFixture(Path home) throws IOException {
    this(home, settings(home), List.of());
  }

  /** Loopback, HTTP port 0, SMTP 2525 and POP3 2110 (named in autoconfig, not bound here). */
  static GatewaySettings.Builder settings(Path home) {
    return GatewaySettings.builder()
        .home(home)
        .httpPort(0)
        .upstreamSmtp(new UpstreamServer("127.0.0.1", 25, UpstreamServer.Security.PLAIN))
        .upstreamPop3(new UpstreamServer("127.0.0.1", 110, UpstreamServer.Security.PLAIN))
        .kdcAddresses(List.of(new InetSocketAddress("127.0.0.1", 7750)))
        .localDomains(Set.of("example.test"));
  }

  /** An IPv4 address of this machine that is not loopback, if it has one. */
  static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  static MasterKey randomKey() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return MasterKey.copyOf(b);
  }

  URI uri(String path) {
    InetSocketAddress a = http.address();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + path);
  }

  HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(String path, String authorization, String body) throws Exception {
    return post(path, authorization, body.getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(String path, String authorization, byte[] body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    http.close();
    keys.close();
  }
}
