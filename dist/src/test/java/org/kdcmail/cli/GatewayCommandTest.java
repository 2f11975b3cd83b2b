package org.kdcmail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.cli.KdcmailCommandTest.Run;

/** {@code gateway serve}'s refusals, which come before anything listens. */
class GatewayCommandTest {
  @TempDir Path dir;

  @Test
  void serve_misspelledKey_exits1NamingFileLineAndKey() throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        upstream:
          smtp: {host: 127.0.0.1, port: 3025, security: plain}
          pop3: {host: 127.0.0.1, port: 3110, security: plain}
        kdc: {addresses: [127.0.0.1:7750]}
        local-domains: [example.test]
        listen: {smpt-port: 2525}
        """);

    Run run = Run.of("--home", dir.toString(), "gateway", "serve", "--config", config.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("kdcmail: " + config + " line 6: listen.smpt-port: unknown key");
    assertThat(dir.resolve("gateway")).doesNotExist();
  }

  @Test
  void serve_missingFile_exits1NamingIt() {
    Path config = dir.resolve("absent.yaml");

    Run run = Run.of("--home", dir.toString(), "gateway", "serve", "--config", config.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains(config.toString()).contains("no such configuration file");
  }

  @Test
  void serve_withoutConfig_isAUsageError() {
    Run run = Run.of("gateway", "serve");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--config");
  }
}
