package org.kdcmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.upstream.UpstreamServer;
import org.kdcmail.kdc.protocol.MasterKey;
import org.slf4j.LoggerFactory;

/** The composition with stand-in fronts (plain listening sockets); the real fronts have ITs. */
class GatewayTest {
  @TempDir Path home;

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    log.start();
    ((Logger) LoggerFactory.getLogger(Gateway.class)).addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    ((Logger) LoggerFactory.getLogger(Gateway.class)).detachAppender(log);
  }

  @Test
  void start_freePorts_writesEndpointsWithTheRealPorts() throws Exception {
    try (Gateway gateway = Gateway.start(settings().build(), fronts(Map.of()))) {
      GatewayEndpoints written = GatewayEndpoints.read(home);

      assertThat(written).isEqualTo(gateway.endpoints());
      assertThat(written.pid()).isEqualTo(ProcessHandle.current().pid());
      for (InetSocketAddress a : List.of(written.smtp(), written.pop3(), written.http())) {
        assertThat(a.getPort()).isPositive();
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
          assertThat(s.isConnected()).isTrue();
        }
      }
      assertThat(events).containsExactly("start HTTP", "start SMTP", "start POP3");
    }
  }

  @Test
  void close_stopsFrontsInReverse_locksKeys_removesEndpoints() throws Exception {
    Gateway gateway = Gateway.start(settings().build(), fronts(Map.of()));
    gateway.keys().unlock("alice@example.test", MasterKey.copyOf(new byte[32]));

    gateway.close();
    gateway.close();

    assertThat(events)
        .containsExactly(
            "start HTTP", "start SMTP", "start POP3", "stop POP3", "stop SMTP", "stop HTTP");
    assertThat(gateway.keys().isUnlocked("alice@example.test")).isFalse();
    assertThat(GatewayEndpoints.file(home)).doesNotExist();
  }

  @Test
  void start_portTaken_namesPortAndTheSettingToChange() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> Gateway.start(settings().pop3Port(port).build(), fronts(Map.of())))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("POP3 port " + port + " on 127.0.0.1 is already in use")
          .hasMessageContaining("listen.pop3-port")
          .hasMessageContaining("--pop3-port");
    }
    assertThat(events).isEmpty();
    assertThat(GatewayEndpoints.file(home)).doesNotExist();
  }

  @Test
  void start_frontFailsToBind_isPortInUse() {
    FrontStarter refusing =
        (s, k, t, r) -> {
          throw new IOException("bind failed", new BindException("Address already in use"));
        };

    assertThatThrownBy(
            () -> Gateway.start(settings().build(), fronts(Map.of(GatewayListener.SMTP, refusing))))
        .isInstanceOf(PortInUseException.class)
        .hasMessageContaining("SMTP port 0")
        .hasMessageContaining("listen.smtp-port");
    assertThat(events).containsExactly("start HTTP", "stop HTTP");
  }

  @Test
  void start_lastFrontFails_stopsTheOthers_writesNoEndpoints() {
    FrontStarter broken =
        (s, k, t, r) -> {
          throw new IllegalStateException("upstream host unknown");
        };

    assertThatThrownBy(
            () -> Gateway.start(settings().build(), fronts(Map.of(GatewayListener.POP3, broken))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("POP3 listener did not start: upstream host unknown");
    assertThat(events).containsExactly("start HTTP", "start SMTP", "stop HTTP", "stop SMTP");
    assertThat(GatewayEndpoints.file(home)).doesNotExist();
  }

  @Test
  void start_anotherGatewayRunsForTheHome_refused() throws Exception {
    long otherPid = ProcessHandle.current().parent().orElseThrow().pid();
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
    new GatewayEndpoints(any, any, any, otherPid).write(home);

    assertThatThrownBy(() -> Gateway.start(settings().build(), fronts(Map.of())))
        .hasMessageContaining("a gateway (process " + otherPid + ") is already running")
        .hasMessageContaining("--home");
    assertThat(events).isEmpty();
  }

  @Test
  void start_staleEndpointsFromADeadProcess_replaced() throws Exception {
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
    new GatewayEndpoints(any, any, any, Long.MAX_VALUE).write(home);

    try (Gateway gateway = Gateway.start(settings().build(), fronts(Map.of()))) {
      assertThat(GatewayEndpoints.read(home)).isEqualTo(gateway.endpoints());
    }
  }

  @Test
  void start_noTlsFiles_makesSelfSignedCertificateInHome() throws Exception {
    try (Gateway gateway = Gateway.start(settings().build(), fronts(Map.of()))) {
      assertThat(Gateway.selfSignedFolder(home).resolve("gateway-cert.pem")).exists();
    }
  }

  @Test
  void start_logsTheEffectiveConfigurationOnce() throws Exception {
    try (Gateway gateway = Gateway.start(settings().build(), fronts(Map.of()))) {
      List<String> described =
          log.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.startsWith("gateway configuration"))
              .toList();

      assertThat(described).hasSize(1);
      assertThat(described.get(0))
          .contains(
              "smtp                " + gateway.endpoints().smtp().getAddress().getHostAddress())
          .contains(":" + gateway.endpoints().pop3().getPort())
          .contains("upstream smtp       127.0.0.1:3025 (plain), stored password: none")
          .contains("kdc                 127.0.0.1:7750")
          .contains("local domains       example.test")
          .contains("unenrolled policy   reject")
          .contains("self-signed, in " + Gateway.selfSignedFolder(home))
          .contains("SHA-256 ")
          .contains("loopback only");
    }
  }

  private GatewaySettings.Builder settings() {
    return GatewaySettings.builder()
        .home(home)
        .smtpPort(0)
        .pop3Port(0)
        .httpPort(0)
        .upstreamSmtp(new UpstreamServer("127.0.0.1", 3025, UpstreamServer.Security.PLAIN))
        .upstreamPop3(new UpstreamServer("127.0.0.1", 3110, UpstreamServer.Security.PLAIN))
        .kdcAddresses(List.of(new InetSocketAddress("127.0.0.1", 7750)))
        .localDomains(Set.of("example.test"));
  }

  /** A listening socket per listener, recording start and stop, except those in {@code over}. */
  private Map<GatewayListener, FrontStarter> fronts(Map<GatewayListener, FrontStarter> over) {
    Map<GatewayListener, FrontStarter> fronts = new EnumMap<>(GatewayListener.class);
    for (GatewayListener listener : GatewayListener.values()) {
      fronts.put(listener, over.getOrDefault(listener, socketFront(listener)));
    }
    return fronts;
  }

  private FrontStarter socketFront(GatewayListener listener) {
    return (s, k, t, r) -> {
      ServerSocket socket = new ServerSocket();
      socket.bind(new InetSocketAddress(s.bind(), listener.port(s)));
      events.add("start " + listener.label());
      return new FrontStarter.Running(
          (InetSocketAddress) socket.getLocalSocketAddress(),
          () -> {
            socket.close();
            events.add("stop " + listener.label());
          });
    };
  }
}
