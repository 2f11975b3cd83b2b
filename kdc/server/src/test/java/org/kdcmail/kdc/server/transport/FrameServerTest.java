package org.kdcmail.kdc.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.client.KdcErrorException;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameCodec;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.protocol.wire.WireError;
import org.slf4j.LoggerFactory;

class FrameServerTest {

  private static final int MAX_PAYLOAD = 1024;
  private static final ConversationFactory ECHO = context -> Optional::of;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private FrameServer start(FrameServer.Builder builder) {
    FrameServer server = builder.port(0).maxPayloadBytes(MAX_PAYLOAD).build().start();
    toClose.add(server);
    return server;
  }

  private FrameServer startEcho() {
    return start(FrameServer.builder().conversations(ECHO));
  }

  private KdcConnection connect(FrameServer server) throws IOException {
    KdcConnection c =
        KdcConnection.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            MAX_PAYLOAD);
    toClose.add(c);
    return c;
  }

  private RawClient raw(FrameServer server) throws IOException {
    RawClient c = new RawClient(server.port());
    toClose.add(c);
    return c;
  }

  private static byte[] header(FrameType type, long length) {
    return ByteBuffer.allocate(FrameCodec.HEADER_BYTES)
        .put((byte) FrameCodec.VERSION_1)
        .put((byte) type.code())
        .putInt((int) length)
        .array();
  }

  @Test
  void echo_twoFramesOnOneConnection_repliedInOrder() throws IOException {
    KdcConnection client = connect(startEcho());
    Frame hello =
        new Frame(FrameType.ENROLL_CLIENT_HELLO, "hello".getBytes(StandardCharsets.UTF_8));
    Frame points = new Frame(FrameType.ENROLL_CLIENT_POINTS, new byte[MAX_PAYLOAD]);
    assertThat(client.exchange(hello)).isEqualTo(hello);
    assertThat(client.exchange(points)).isEqualTo(points);
  }

  @Test
  void oversizeLength_framesTooLargeAndClosed_withoutSendingBody() throws IOException {
    RawClient client =
        raw(startEcho()).send(header(FrameType.ENROLL_CLIENT_HELLO, MAX_PAYLOAD + 1));
    ErrorFrame error = client.readError();
    assertThat(error.wireError()).contains(WireError.FRAME_TOO_LARGE);
    assertThat(client.closedByServer()).isTrue();
  }

  @Test
  void garbage_malformedFrameAndClosed() throws IOException {
    RawClient client =
        raw(startEcho())
            .send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(client.readError().wireError()).contains(WireError.MALFORMED_FRAME);
    assertThat(client.closedByServer()).isTrue();
  }

  @Test
  void unknownType_malformedFrame() throws IOException {
    RawClient client = raw(startEcho()).send(new byte[] {(byte) 0xD1, 0x7F, 0, 0, 0, 0});
    assertThat(client.readError().wireError()).contains(WireError.MALFORMED_FRAME);
    assertThat(client.closedByServer()).isTrue();
  }

  @Test
  void truncatedFrameThenEof_connectionClosed_serverServesNextClient() throws IOException {
    FrameServer server = startEcho();
    RawClient truncated = raw(server).send(header(FrameType.ENROLL_CLIENT_HELLO, 10));
    truncated.send(new byte[] {1, 2, 3});
    truncated.shutdownOutput();
    assertThat(truncated.readError().wireError()).contains(WireError.MALFORMED_FRAME);
    assertThat(truncated.closedByServer()).isTrue();

    Frame ping = new Frame(FrameType.ADMIN_REQUEST, new byte[] {9});
    assertThat(connect(server).exchange(ping)).isEqualTo(ping);
  }

  @Test
  void connectionCap_extraClientGetsTooManyConnections() throws IOException {
    FrameServer server = start(FrameServer.builder().conversations(ECHO).maxConnections(2));
    Frame ping = new Frame(FrameType.ENROLL_CLIENT_HELLO, new byte[] {1});
    KdcConnection first = connect(server);
    KdcConnection second = connect(server);
    assertThat(first.exchange(ping)).isEqualTo(ping);
    assertThat(second.exchange(ping)).isEqualTo(ping);

    KdcConnection third = connect(server);
    assertThatThrownBy(third::receive)
        .isInstanceOfSatisfying(
            KdcErrorException.class,
            e -> assertThat(e.wireError()).contains(WireError.TOO_MANY_CONNECTIONS));

    first.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> server.activeConnections() == 1);
    assertThat(connect(server).exchange(ping)).isEqualTo(ping);
  }

  @Test
  void idleConnection_timeoutFrameAndClosed() throws IOException {
    FrameServer server =
        start(FrameServer.builder().conversations(ECHO).idleTimeout(Duration.ofMillis(200)));
    RawClient client = raw(server);
    long start = System.nanoTime();
    assertThat(client.readError().wireError()).contains(WireError.TIMEOUT);
    assertThat(client.closedByServer()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void slowLorisFrame_bytesJustInsideTheIdleTimeout_cutOffAtTheFrameDeadline() throws Exception {
    FrameServer server =
        start(
            FrameServer.builder()
                .conversations(ECHO)
                .idleTimeout(Duration.ofMillis(400))
                .frameDeadline(Duration.ofMillis(1_000)));
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      // A frame announcing 64 payload bytes, sent one byte every 250 ms (inside the idle timeout).
      byte[] header = {(byte) 0xD1, (byte) FrameType.ENROLL_CLIENT_HELLO.code(), 0, 0, 0, 64};
      long start = System.nanoTime();
      boolean cutOff = false;
      try {
        for (byte b : header) {
          out.write(b);
          out.flush();
          Thread.sleep(250);
        }
        for (int i = 0; i < 64; i++) {
          out.write(0);
          out.flush();
          Thread.sleep(250);
        }
      } catch (java.net.SocketException e) {
        cutOff = true;
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      byte[] answer = socket.getInputStream().readNBytes(6);
      assertThat(cutOff || elapsed.compareTo(Duration.ofSeconds(15)) < 0).isTrue();
      assertThat(answer).hasSize(6);
      assertThat(answer[1]).isEqualTo((byte) FrameType.ERROR.code());
      assertThat(elapsed).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void throwingConversation_internalErrorWithoutDetails() throws IOException {
    FrameServer server =
        start(
            FrameServer.builder()
                .conversations(
                    context ->
                        frame -> {
                          throw new IllegalStateException("db password is hunter2");
                        }));
    KdcConnection client = connect(server);
    assertThatThrownBy(() -> client.exchange(new Frame(FrameType.ENROLL_CLIENT_HELLO, new byte[0])))
        .isInstanceOfSatisfying(
            KdcErrorException.class,
            e -> {
              assertThat(e.wireError()).contains(WireError.INTERNAL_ERROR);
              assertThat(e.error().message()).doesNotContain("hunter2");
            });
    assertThatThrownBy(client::receive).hasMessageContaining("closed the connection");
  }

  @Test
  void closeAfterReply_replySentThenClosed() throws IOException {
    FrameServer server =
        start(
            FrameServer.builder()
                .conversations(
                    context ->
                        frame -> {
                          context.closeAfterReply();
                          return Optional.of(frame);
                        }));
    RawClient client = raw(server);
    Frame bye = new Frame(FrameType.ADMIN_RESPONSE, new byte[] {0});
    client.send(FrameCodec.encode(bye));
    assertThat(client.read()).contains(bye);
    assertThat(client.closedByServer()).isTrue();
  }

  @Test
  void close_stopsAcceptingEndsConnectionsAndReleasesThreads() throws IOException {
    FrameServer server = startEcho();
    int port = server.port();
    RawClient idle = raw(server);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.activeConnections() == 1);

    server.close();

    assertThat(server.isTerminated()).isTrue();
    assertThat(server.activeConnections()).isZero();
    assertThat(idle.closedByServer()).isTrue();
    assertThatThrownBy(
            () ->
                KdcConnection.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
        .hasMessageContaining("KDC unreachable");
  }

  @Test
  void malformedFrameLog_hasHeaderButNeverPayload() throws IOException {
    Logger logger = (Logger) LoggerFactory.getLogger(ConnectionHandler.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      FrameServer server = startEcho();
      byte[] secret = "SECRET-PAYLOAD-4f2a".getBytes(StandardCharsets.US_ASCII);
      RawClient truncated = raw(server).send(header(FrameType.ADMIN_REQUEST, 100)).send(secret);
      truncated.shutdownOutput();
      truncated.readError();
      RawClient oversize = raw(server).send(header(FrameType.ADMIN_REQUEST, 5000)).send(secret);
      oversize.readError();

      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  appender.list.stream().filter(e -> e.getMessage().startsWith("Rejected")).count()
                      == 2);
      for (ILoggingEvent event : List.copyOf(appender.list)) {
        assertThat(event.getFormattedMessage())
            .doesNotContain("SECRET")
            .doesNotContain("5345435245");
      }
      assertThat(appender.list)
          .anySatisfy(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("127.0.0.1")
                      .contains("type byte 0x40")
                      .contains("announced length 5000")
                      .contains("FRAME_TOO_LARGE"));
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void clientToClosedPort_kdcUnreachableMessage() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(
            () ->
                KdcConnection.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
        .isInstanceOf(IOException.class)
        .hasMessage("KDC unreachable at 127.0.0.1:" + port + ": connection refused");
  }

  @Test
  void builder_defaultsAndValidation() {
    assertThatThrownBy(() -> FrameServer.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FrameServer.builder().maxConnections(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FrameServer.builder().idleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> FrameServer.builder().maxPayloadBytes(FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
    FrameServer.Builder builder = FrameServer.builder().conversations(ECHO).port(0);
    FrameServer server = builder.build();
    builder.port(1); // a later change must not affect the built server
    server.start();
    toClose.add(server);
    assertThat(server.port()).isNotEqualTo(1).isPositive();
  }
}
