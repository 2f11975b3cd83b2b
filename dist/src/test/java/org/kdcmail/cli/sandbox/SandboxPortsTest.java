package org.kdcmail.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class SandboxPortsTest {

  @Test
  void byOption_namesEveryPortByItsOption() {
    assertThat(new SandboxPorts(2525, 2110, 2180, 3025, 3110, 7750).byOption())
        .containsExactly(
            java.util.Map.entry("--smtp-port", 2525),
            java.util.Map.entry("--pop3-port", 2110),
            java.util.Map.entry("--http-port", 2180),
            java.util.Map.entry("--office-smtp-port", 3025),
            java.util.Map.entry("--office-pop3-port", 3110),
            java.util.Map.entry("--kdc-port", 7750));
  }

  @Test
  void samePortTwice_refusedNamingBothOptions() {
    assertThatThrownBy(() -> new SandboxPorts(2525, 2110, 2180, 2525, 3110, 7750))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--smtp-port and --office-smtp-port are both 2525: give them different ports");
  }

  @Test
  void portOutOfRange_refused() {
    assertThatThrownBy(() -> new SandboxPorts(2525, 2110, 2180, 3025, 3110, 0))
        .hasMessage("--kdc-port 0 is not a port (1..65535)");
  }

  @Test
  void requireFree_portTaken_namesPortAndOption() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      SandboxPorts ports = new SandboxPorts(free(), free(), port, free(), free(), free());

      assertThatThrownBy(ports::requireFree)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use")
          .hasMessageContaining("--http-port PORT");
    }
  }

  private static int free() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
