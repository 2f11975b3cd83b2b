package org.kdcmail.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTlsTest {
  @TempDir Path folder;

  @Test
  void selfSigned_madeOnceThenReloaded_withOwnerOnlyKeyAndLoopbackNames() throws Exception {
    GatewayTls made = GatewayTls.selfSigned(folder);
    Path key = folder.resolve(GatewayTls.KEY_FILE);
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(made.certificate().getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(1))
        .containsExactlyInAnyOrder((Object) "127.0.0.1", "localhost");

    GatewayTls reloaded = GatewayTls.selfSigned(folder);
    assertThat(reloaded.fingerprint())
        .isEqualTo(made.fingerprint())
        .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(reloaded.sslContext().createSSLEngine().getSupportedCipherSuites()).isNotEmpty();
  }
}
