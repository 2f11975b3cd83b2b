package org.kdcmail.kdc.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminStatus;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.client.KdcErrorException;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.protocol.wire.WireError;
import org.kdcmail.kdc.server.transport.FrameServer;

class AdminConversationTest {

  @TempDir Path kdcDir;
  private FrameServer server;
  private KdcConnection client;

  @BeforeEach
  void start() throws IOException {
    AdminToken token = AdminTokenFile.create(kdcDir, new SecureRandom());
    AdminCommandHandler handler =
        request ->
            AdminResponse.of(
                AdminStatus.OK, request.command() + " " + String.join(",", request.args()));
    server =
        FrameServer.builder()
            .port(0)
            .conversations(AdminConversation.factory(token, handler))
            .build()
            .start();
    client =
        KdcConnection.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  @Test
  void tokenFromFile_commandRuns() throws IOException {
    AdminRequest request = new AdminRequest(AdminToken.read(kdcDir), "status", List.of("a", "b"));
    Frame reply = client.exchange(request.toFrame());
    assertThat(reply.type()).isEqualTo(FrameType.ADMIN_RESPONSE);
    AdminResponse response = AdminResponse.decode(reply.payload());
    assertThat(response.status()).isEqualTo(AdminStatus.OK);
    assertThat(response.bodyText()).isEqualTo("status a,b");
  }

  @Test
  void wrongToken_unauthorizedAndClosed() throws IOException {
    AdminRequest request =
        new AdminRequest(AdminToken.generate(new SecureRandom()), "status", List.of());
    assertThatThrownBy(() -> client.exchange(request.toFrame()))
        .isInstanceOfSatisfying(
            KdcErrorException.class,
            e -> assertThat(e.wireError()).contains(WireError.UNAUTHORIZED));
    assertThatThrownBy(client::receive).hasMessageContaining("closed the connection");
  }

  @Test
  void truncatedRequest_protocolError() {
    assertThatThrownBy(() -> client.exchange(new Frame(FrameType.ADMIN_REQUEST, new byte[10])))
        .isInstanceOfSatisfying(
            KdcErrorException.class,
            e -> assertThat(e.wireError()).contains(WireError.PROTOCOL_ERROR));
  }

  @Test
  void otherFrameType_protocolError() {
    assertThatThrownBy(() -> client.exchange(new Frame(FrameType.ENROLL_CLIENT_HELLO, new byte[0])))
        .isInstanceOfSatisfying(
            KdcErrorException.class,
            e -> assertThat(e.wireError()).contains(WireError.PROTOCOL_ERROR));
  }
}
