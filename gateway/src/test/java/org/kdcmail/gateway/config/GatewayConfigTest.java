package org.kdcmail.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.GatewayLimits;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.UnenrolledPolicy;
import org.kdcmail.gateway.keys.KeyCachePolicy;
import org.kdcmail.gateway.upstream.UpstreamServer;
import org.kdcmail.gateway.upstream.UpstreamServer.Security;

class GatewayConfigTest {
  private static final Path EXAMPLE = Path.of("..", "docs", "gateway.example.yaml");

  /** The smallest valid file: only the required keys. */
  private static final String MINIMAL =
      """
      upstream:
        smtp: {host: 127.0.0.1, port: 3025, security: plain}
        pop3: {host: 127.0.0.1, port: 3110, security: plain}
      kdc:
        addresses: [127.0.0.1:7750]
      local-domains: [example.test]
      """;

  @TempDir Path dir;

  @Test
  void load_documentedExample_readsEveryKey() throws IOException {
    GatewaySettings s = GatewayConfig.load(EXAMPLE, dir);

    Path folder = EXAMPLE.toAbsolutePath().normalize().getParent();
    assertThat(s.home()).isEqualTo(dir);
    assertThat(s.bind()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(List.of(s.smtpPort(), s.pop3Port(), s.httpPort())).containsExactly(2525, 2110, 2180);
    assertThat(s.upstreamSmtp())
        .isEqualTo(new UpstreamServer("mail.example.test", 587, Security.STARTTLS));
    assertThat(s.upstreamPop3())
        .isEqualTo(new UpstreamServer("mail.example.test", 995, Security.TLS));
    assertThat(s.kdcAddresses())
        .extracting(InetSocketAddress::getHostString, InetSocketAddress::getPort)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("kdc1.example.test", 7750),
            org.assertj.core.groups.Tuple.tuple("kdc2.example.test", 7750));
    assertThat(s.kdcTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.localDomains()).containsExactly("example.test");
    assertThat(s.unenrolledPolicy()).isEqualTo(UnenrolledPolicy.REJECT);
    assertThat(s.keyCache()).isEqualTo(KeyCachePolicy.defaults());
    assertThat(s.limits()).isEqualTo(GatewayLimits.DEFAULTS);
    assertThat(s.tls())
        .contains(
            new GatewaySettings.TlsFiles(
                folder.resolve("tls/gateway-chain.pem"), folder.resolve("tls/gateway-key.pem")));
    assertThat(s.subjectPlaceholder()).isEqualTo("[encrypted message]");
    assertThat(s.promptWait()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void load_documentedExample_statesTheDefaults() throws IOException {
    GatewaySettings example = GatewayConfig.load(EXAMPLE, dir);
    GatewaySettings minimal = GatewayConfig.load(write(MINIMAL), dir);

    assertThat(example.limits()).isEqualTo(minimal.limits());
    assertThat(example.keyCache()).isEqualTo(minimal.keyCache());
    assertThat(example.kdcTimeout()).isEqualTo(minimal.kdcTimeout());
    assertThat(example.promptWait()).isEqualTo(minimal.promptWait());
    assertThat(example.subjectPlaceholder()).isEqualTo(minimal.subjectPlaceholder());
    assertThat(example.unenrolledPolicy()).isEqualTo(minimal.unenrolledPolicy());
    assertThat(List.of(example.smtpPort(), example.pop3Port(), example.httpPort()))
        .containsExactly(minimal.smtpPort(), minimal.pop3Port(), minimal.httpPort());
    assertThat(example.bind()).isEqualTo(minimal.bind());
    assertThat(minimal.tls()).isEmpty();
  }

  @Test
  void load_everyValueChanged_readsThem() throws IOException {
    Path file =
        write(
            MINIMAL
                + """
                home: state
                listen: {bind: 0.0.0.0, smtp-port: 0, pop3-port: 10110, http-port: 18080}
                unenrolled-policy: HOLD
                key-cache: {idle-timeout: PT30M, per-message: true}
                limits:
                  max-message-size: 2GiB
                  max-recipients: 7
                  max-line-length: 1002
                  max-connections: 3
                  client-idle-timeout: 500ms
                  upstream-timeout: 2h
                  message-memory: 64KiB
                subject-placeholder: (sealed)
                prompt-wait: 1d
                """);

    GatewaySettings s = GatewayConfig.load(file, dir);

    assertThat(s.home()).isEqualTo(dir.resolve("state"));
    assertThat(s.loopbackOnly()).isFalse();
    assertThat(List.of(s.smtpPort(), s.pop3Port(), s.httpPort())).containsExactly(0, 10110, 18080);
    assertThat(s.unenrolledPolicy()).isEqualTo(UnenrolledPolicy.HOLD);
    assertThat(s.keyCache()).isEqualTo(new KeyCachePolicy(Duration.ofMinutes(30), true));
    assertThat(s.limits())
        .isEqualTo(
            new GatewayLimits(
                2L << 30, 7, 1002, 3, Duration.ofMillis(500), Duration.ofHours(2), 64 << 10));
    assertThat(s.subjectPlaceholder()).isEqualTo("(sealed)");
    assertThat(s.promptWait()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void load_kdcAddressWithoutPort_uses7750AndIpv6InBrackets() throws IOException {
    Path file = write(MINIMAL.replace("[127.0.0.1:7750]", "[kdc.example.test, '[::1]:7760']"));

    GatewaySettings s = GatewayConfig.load(file, dir);

    assertThat(s.kdcAddresses())
        .extracting(InetSocketAddress::getHostString, InetSocketAddress::getPort)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("kdc.example.test", 7750),
            org.assertj.core.groups.Tuple.tuple("0:0:0:0:0:0:0:1", 7760));
  }

  @Test
  void load_misspelledKey_namesKeyAndLine() throws IOException {
    Path file = write(MINIMAL + "listen:\n  bind: 127.0.0.1\n  smpt-port: 2525\n");

    assertThatThrownBy(() -> GatewayConfig.load(file, dir))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("line 9")
        .hasMessageContaining("listen.smpt-port: unknown key")
        .hasMessageContaining("smtp-port")
        .satisfies(
            e -> {
              assertThat(((GatewayConfigException) e).line()).isEqualTo(9);
              assertThat(((GatewayConfigException) e).key()).isEqualTo("listen.smpt-port");
            });
  }

  @Test
  void load_unknownTopLevelKey_refused() throws IOException {
    Path file = write("policy: reject\n" + MINIMAL);

    assertThatThrownBy(() -> GatewayConfig.load(file, dir))
        .hasMessageContaining("line 1: policy: unknown key");
  }

  @Test
  void load_portOutOfRange_namesKeyLineAndRange() throws IOException {
    Path file = write(MINIMAL + "listen:\n  smtp-port: 70000\n");

    assertThatThrownBy(() -> GatewayConfig.load(file, dir))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("line 8: listen.smtp-port: '70000' is not a port: use 0..65535");
  }

  @Test
  void load_badValues_eachNamesItsKey() throws IOException {
    assertRefused(MINIMAL + "unenrolled-policy: drop\n", "line 7: unenrolled-policy: 'drop'");
    assertRefused(MINIMAL + "limits: {max-message-size: 50MB}\n", "limits.max-message-size");
    assertRefused(MINIMAL + "limits: {max-line-length: 80}\n", "line 7: limits: maxLineBytes 80");
    assertRefused(MINIMAL + "key-cache: {idle-timeout: soon}\n", "key-cache.idle-timeout: 'soon'");
    assertRefused(MINIMAL + "key-cache: {per-message: maybe}\n", "is not true or false");
    assertRefused(MINIMAL + "prompt-wait: 0s\n", "prompt-wait: '0s' is not a positive duration");
    assertRefused(
        MINIMAL.replace("security: plain}\n  pop3", "security: ssl}\n  pop3"),
        "line 2: upstream.smtp.security: 'ssl' is not one of plain, starttls, tls");
    assertRefused(MINIMAL.replace("port: 3110", "port: 0"), "upstream.pop3.port: '0'");
    assertRefused(MINIMAL + "listen: 2525\n", "line 7: listen: must be a section of keys");
    assertRefused(MINIMAL + "local-domains: [alice@example.test]\n", "appears twice");
    assertRefused(
        MINIMAL.replace("[example.test]", "[alice@example.test]"),
        "local-domains: 'alice@example.test' is not a mail domain");
    assertRefused(MINIMAL + "tls: {certificate-chain: a.pem}\n", "tls.private-key: is required");
  }

  @Test
  void load_missingRequiredKeys_namesThem() throws IOException {
    assertRefused(
        MINIMAL.replace("local-domains: [example.test]\n", ""), "local-domains: is required");
    assertRefused(MINIMAL.replace("kdc:\n  addresses: [127.0.0.1:7750]\n", ""), "kdc: is required");
    assertRefused(
        MINIMAL.replace("  addresses: [127.0.0.1:7750]\n", "  timeout: 5s\n"),
        "kdc.addresses: is required");
    assertRefused(
        MINIMAL.replace("  pop3: {host: 127.0.0.1, port: 3110, security: plain}\n", ""),
        "upstream.pop3: is required");
  }

  @Test
  void load_notYaml_namesLine() throws IOException {
    assertRefused(MINIMAL + "limits: {max-recipients: [1\n", "not valid YAML");
    assertRefused("", "the file is empty");
    assertRefused("- a\n- b\n", "must hold a section of keys");
    assertRefused(MINIMAL + "---\nkdc: {}\n", "only one YAML document");
  }

  @Test
  void load_missingFile_saysSo() {
    assertThatThrownBy(() -> GatewayConfig.load(dir.resolve("absent.yaml"), dir))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("absent.yaml");
  }

  private void assertRefused(String yaml, String expected) throws IOException {
    Path file = write(yaml);
    assertThatThrownBy(() -> GatewayConfig.load(file, dir))
        .as(yaml)
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(expected);
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "gateway", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
