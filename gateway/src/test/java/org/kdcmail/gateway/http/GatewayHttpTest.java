package org.kdcmail.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.GatewayEndpoints;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Health, metrics, autoconfig and unknown paths over a real socket. */
class GatewayHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  @Test
  void health_withNoChecks_isUp() throws Exception {
    try (HttpFixture gateway = new HttpFixture(home)) {
      HttpResponse<String> r = gateway.get("/health", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"status\":\"up\"}"));
    }
  }

  @Test
  void health_aCheckDown_is503AndNamesIt() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpFixture gateway =
            new HttpFixture(
                home,
                HttpFixture.settings(home),
                List.of(
                    HealthCheck.reachable(
                        "kdc", "127.0.0.1", open.getLocalPort(), Duration.ofSeconds(2)),
                    HealthCheck.reachable(
                        "upstream-smtp", "127.0.0.1", closedPort, Duration.ofSeconds(2))))) {
      HttpResponse<String> r = gateway.get("/health", null);
      assertThat(r.statusCode()).isEqualTo(503);
      JsonNode report = JSON.readTree(r.body());
      assertThat(report.path("status").asText()).isEqualTo("down");
      assertThat(report.path("checks").path("kdc").path("status").asText()).isEqualTo("up");
      assertThat(report.path("checks").path("upstream-smtp").path("status").asText())
          .isEqualTo("down");
      assertThat(report.path("checks").path("upstream-smtp").path("detail").asText())
          .contains("127.0.0.1:" + closedPort);
    }
  }

  @Test
  void metrics_isPrometheusTextWithRequestCountsAndUnlockedUsers() throws Exception {
    try (HttpFixture gateway = new HttpFixture(home)) {
      gateway.keys.unlock(HttpFixture.ALICE, HttpFixture.randomKey());
      gateway.get("/health", null);
      HttpResponse<String> r = gateway.get("/metrics", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(r.body())
          .contains("# TYPE kdcmail_gateway_unlocked_users gauge")
          .contains("kdcmail_gateway_unlocked_users 1.0")
          .containsPattern(
              "kdcmail_gateway_http_requests_total\\{path=\"/health\",status=\"200\"\\} 1\\.0");
    }
  }

  @Test
  void unknownPath_is404() throws Exception {
    try (HttpFixture gateway = new HttpFixture(home)) {
      assertThat(gateway.get("/nothing", null).statusCode()).isEqualTo(404);
      assertThat(gateway.get("/healthz", null).statusCode()).isEqualTo(404);
      assertThat(gateway.get("/", null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void autoconfig_wellKnown_namesTheGatewayPortsInPlainTextOnLoopback() throws Exception {
    try (HttpFixture gateway = new HttpFixture(home)) {
      HttpResponse<String> r = gateway.get(GatewayHttp.WELL_KNOWN_AUTOCONFIG, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .contains(ThunderbirdAutoconfig.CONTENT_TYPE);
      Element provider = provider(r.body());
      assertThat(text(provider, "domain")).isEqualTo("example.test");
      Element pop3 = server(provider, "incomingServer");
      assertThat(pop3.getAttribute("type")).isEqualTo("pop3");
      assertThat(text(pop3, "hostname")).isEqualTo("127.0.0.1");
      assertThat(text(pop3, "port")).isEqualTo("2110");
      assertThat(text(pop3, "socketType")).isEqualTo("plain");
      assertThat(text(pop3, "username")).isEqualTo("%EMAILADDRESS%");
      assertThat(text(pop3, "authentication")).isEqualTo("password-cleartext");
      Element smtp = server(provider, "outgoingServer");
      assertThat(smtp.getAttribute("type")).isEqualTo("smtp");
      assertThat(text(smtp, "port")).isEqualTo("2525");
    }
  }

  @Test
  void autoconfig_emailAddress_answersForLocalDomainsOnly() throws Exception {
    try (HttpFixture gateway =
        new HttpFixture(
            home,
            HttpFixture.settings(home).localDomains(Set.of("example.test", "branch.test")),
            List.of())) {
      HttpResponse<String> local =
          gateway.get(GatewayHttp.AUTOCONFIG + "?emailaddress=bob%40Branch.test", null);
      assertThat(local.statusCode()).isEqualTo(200);
      assertThat(provider(local.body()).getElementsByTagName("domain").getLength()).isEqualTo(1);
      assertThat(text(provider(local.body()), "domain")).isEqualTo("branch.test");
      HttpResponse<String> both = gateway.get(GatewayHttp.AUTOCONFIG, null);
      assertThat(provider(both.body()).getElementsByTagName("domain").getLength()).isEqualTo(2);
      HttpResponse<String> foreign =
          gateway.get(GatewayHttp.AUTOCONFIG + "?emailaddress=eve%40elsewhere.test", null);
      assertThat(foreign.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void autoconfig_portsZero_takesTheRunningPortsFromTheEndpointsFile() throws Exception {
    try (HttpFixture gateway =
        new HttpFixture(home, HttpFixture.settings(home).smtpPort(0).pop3Port(0), List.of())) {
      assertThat(gateway.get(GatewayHttp.WELL_KNOWN_AUTOCONFIG, null).statusCode()).isEqualTo(503);
      new GatewayEndpoints(
              new InetSocketAddress("127.0.0.1", 40025),
              new InetSocketAddress("127.0.0.1", 40110),
              gateway.http.address(),
              ProcessHandle.current().pid())
          .write(home);
      Element provider = provider(gateway.get(GatewayHttp.WELL_KNOWN_AUTOCONFIG, null).body());
      assertThat(text(server(provider, "outgoingServer"), "port")).isEqualTo("40025");
      assertThat(text(server(provider, "incomingServer"), "port")).isEqualTo("40110");
    }
  }

  @Test
  void autoconfig_onANonLoopbackAddress_requiresStartTlsAndNamesThatAddress() throws Exception {
    Optional<InetAddress> external = HttpFixture.nonLoopbackAddress();
    assumeThat(external).as("a non-loopback address on this machine").isPresent();
    try (HttpFixture gateway =
        new HttpFixture(home, HttpFixture.settings(home).bind(external.get()), List.of())) {
      Element provider = provider(gateway.get(GatewayHttp.WELL_KNOWN_AUTOCONFIG, null).body());
      for (String kind : List.of("incomingServer", "outgoingServer")) {
        Element server = server(provider, kind);
        assertThat(text(server, "socketType")).isEqualTo("STARTTLS");
        assertThat(text(server, "hostname")).isEqualTo(external.get().getHostAddress());
      }
    }
  }

  @Test
  void start_portTaken_saysSoAndHowToFixIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  new HttpFixture(
                      home, HttpFixture.settings(home).httpPort(taken.getLocalPort()), List.of()))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("HTTP port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
    }
  }

  static Element provider(String xml) throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("clientConfig");
    assertThat(root.getAttribute("version")).isEqualTo("1.1");
    return (Element) root.getElementsByTagName("emailProvider").item(0);
  }

  static Element server(Element provider, String kind) {
    return (Element) provider.getElementsByTagName(kind).item(0);
  }

  static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent();
  }
}
