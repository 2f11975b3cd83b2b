package org.kdcmail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.http.GatewayHttp;
import org.kdcmail.gateway.keys.KeyCachePolicy;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.server.GatewayTls;
import org.kdcmail.gateway.upstream.UpstreamServer;
import picocli.CommandLine;

/** {@code kdcmail client-setup}, with and without a running gateway. */
class ClientSetupCommandTest {
  @TempDir Path home;
  @TempDir Path isp;

  record Run(int status, String out, String err) {}

  private Run run(String... args) {
    CommandLine commandLine = KdcmailCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 3];
    all[0] = "--home";
    all[1] = home.toString();
    all[2] = "client-setup";
    System.arraycopy(args, 0, all, 3, args.length);
    return new Run(commandLine.execute(all), out.toString(), err.toString());
  }

  @Test
  void noGateway_printsTheDefaults() {
    Run r = run();
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("from the defaults (no gateway is running for " + home + ")")
        .contains("POP3   server 127.0.0.1   port 2110   security none")
        .contains("SMTP   server 127.0.0.1   port 2525   security none")
        .contains("your full mail address")
        .contains("Thunderbird:")
        .contains("Outlook:")
        .contains("Apple Mail:");
  }

  @Test
  void thunderbirdIsp_writesOneFilePerDomain() throws Exception {
    Run r =
        run("--thunderbird-isp", isp.toString(), "--domain", "Example.test", "--domain", "b.test");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(isp.resolve("example.test.xml")).exists();
    String xml = Files.readString(isp.resolve("b.test.xml"));
    assertThat(xml)
        .contains("<clientConfig version=\"1.1\">")
        .contains("<domain>b.test</domain>")
        .contains("<port>2525</port>")
        .contains("<port>2110</port>")
        .contains("<socketType>plain</socketType>");
    assertThat(r.out()).contains("wrote " + isp.resolve("example.test.xml"));
  }

  @Test
  void thunderbirdIsp_withoutAnyDomain_saysToNameOne() {
    Run r = run("--thunderbird-isp", isp.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("--domain DOMAIN");
  }

  @Test
  void runningGateway_givesItsPortsDomainsAndFingerprint() throws Exception {
    GatewaySettings settings =
        GatewaySettings.builder()
            .home(home)
            .httpPort(0)
            .upstreamSmtp(new UpstreamServer("127.0.0.1", 25, UpstreamServer.Security.PLAIN))
            .upstreamPop3(new UpstreamServer("127.0.0.1", 110, UpstreamServer.Security.PLAIN))
            .kdcAddresses(List.of(new InetSocketAddress("127.0.0.1", 7750)))
            .localDomains(Set.of("office.test"))
            .build();
    GatewayTls tls = GatewayTls.selfSigned(home.resolve("tls"));
    try (UnlockedKeys keys = UnlockedKeys.create(KeyCachePolicy.defaults());
        GatewayHttp http =
            GatewayHttp.start(
                settings, keys, tls, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      new GatewayEndpoints(
              new InetSocketAddress("127.0.0.1", 3525),
              new InetSocketAddress("127.0.0.1", 3110),
              http.address(),
              ProcessHandle.current().pid())
          .write(home);
      Run r = run();
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("from the running gateway")
          .contains("port 3110")
          .contains("port 3525")
          .contains("e.g. alice@office.test")
          .contains(tls.fingerprint());
      Run files = run("--thunderbird-isp", isp.toString());
      assertThat(files.status()).as(files.err()).isZero();
      assertThat(Files.readString(isp.resolve("office.test.xml"))).contains("<port>3525</port>");
    }
  }
}
