package org.kdcmail.it.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.it.cli.KdcmailProcess;
import org.kdcmail.it.gateway.MailSystem;

/**
 * {@code kdcmail gateway serve --config FILE} from the packaged jar, in front of GreenMail and a
 * real KDC: it listens where the file says, reports healthy, writes the endpoints file, and on
 * SIGTERM stops with status 0 and removes it.
 */
@Timeout(300)
class GatewayServeIT {
  @TempDir Path dir;

  @Test
  void serve_configFile_runsUntilSigtermThenExits0() throws Exception {
    try (MailSystem mail = new MailSystem(dir)) {
      GatewaySettings s = mail.gatewaySettings().build();
      Path config = dir.resolve("gateway.yaml");
      Files.writeString(
          config,
          "home: home\n"
              + "listen: {smtp-port: 0, pop3-port: 0, http-port: 0}\n"
              + "upstream:\n"
              + "  smtp: {host: 127.0.0.1, port: "
              + s.upstreamSmtp().port()
              + ", security: plain}\n"
              + "  pop3: {host: 127.0.0.1, port: "
              + s.upstreamPop3().port()
              + ", security: plain}\n"
              + "kdc: {addresses: ['127.0.0.1:"
              + s.kdcAddresses().get(0).getPort()
              + "']}\n"
              + "local-domains: [example.test]\n");
      KdcmailProcess kdcmail = new KdcmailProcess(dir.resolve("home"));
      String[] args = {"gateway", "serve", "--config", config.toString()};

      Process serve = kdcmail.start("", args);
      try {
        KdcmailProcess.awaitText(
            kdcmail.outputFile("err", args), "Ctrl-C stops it", Duration.ofSeconds(90));
        GatewayEndpoints at = GatewayEndpoints.read(dir.resolve("home"));
        assertThat(at.pid()).isEqualTo(serve.pid());
        HttpResponse<String> health =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + at.http().getPort() + "/health"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"upstream-smtp\"", "\"kdc\"");

        serve.destroy(); // SIGTERM
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).isZero();
        assertThat(GatewayEndpoints.file(dir.resolve("home"))).doesNotExist();
        assertThat(Files.readString(kdcmail.outputFile("err", args)))
            .contains("gateway configuration (effective)", "gateway stopped");
      } finally {
        serve.destroyForcibly();
      }
    }
  }
}
