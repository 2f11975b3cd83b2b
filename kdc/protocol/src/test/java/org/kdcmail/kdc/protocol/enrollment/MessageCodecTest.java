package org.kdcmail.kdc.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  @Test
  void messages_roundTripByteExact() throws Exception {
    Handshake h = new Handshake().run(Handshake.NONE);
    assertThat(ClientHello.decode(h.messages.get(0)).encode()).isEqualTo(h.messages.get(0));
    assertThat(ServerHello.decode(h.messages.get(1)).encode()).isEqualTo(h.messages.get(1));
    assertThat(ClientPointsMessage.decode(h.messages.get(2)).encode()).isEqualTo(h.messages.get(2));
    assertThat(ServerPointsMessage.decode(h.messages.get(3)).encode()).isEqualTo(h.messages.get(3));
    assertThat(ClientConfirmation.decode(h.messages.get(4)).encode()).isEqualTo(h.messages.get(4));
    assertThat(ServerConfirmation.decode(h.messages.get(5)).encode()).isEqualTo(h.messages.get(5));
    assertThat(ClientHello.decode(h.messages.get(0)).username()).isEqualTo(Handshake.USERNAME);
    for (int i = 0; i < 6; i++) {
      assertThat(MessageType.of(h.messages.get(i)).ordinal()).isEqualTo(i);
    }
  }

  @Test
  void decode_wrongTypeOrVersion_rejected() throws Exception {
    Handshake h = new Handshake().run(Handshake.NONE);
    assertThatThrownBy(() -> ServerHello.decode(h.messages.get(0)))
        .isInstanceOf(EnrollmentException.class)
        .hasMessage(EnrollmentException.MALFORMED);
    byte[] v2 = h.messages.get(4).clone();
    v2[0] = 2;
    assertThatThrownBy(() -> ClientConfirmation.decode(v2)).isInstanceOf(EnrollmentException.class);
    assertThatThrownBy(() -> MessageType.of(v2)).isInstanceOf(EnrollmentException.class);
    assertThatThrownBy(() -> MessageType.of(new byte[] {1}))
        .isInstanceOf(EnrollmentException.class);
  }

  @Test
  void clientHello_invalidUsername_rejected() throws Exception {
    Handshake h = new Handshake().run(Handshake.NONE);
    byte[] m1 = h.messages.get(0);
    byte[] badUtf8 = m1.clone();
    badUtf8[3] = (byte) 0xC3; // lead byte followed by ASCII
    assertThatThrownBy(() -> ClientHello.decode(badUtf8)).isInstanceOf(EnrollmentException.class);
    byte[] zeroLen = Arrays.copyOf(m1, m1.length);
    zeroLen[2] = 0;
    assertThatThrownBy(() -> ClientHello.decode(zeroLen)).isInstanceOf(EnrollmentException.class);
    assertThatThrownBy(() -> Wire.usernameBytes("a".repeat(255)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Wire.usernameBytes("a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Wire.usernameBytes("ä".repeat(127))).hasSize(254);
    assertThat(Wire.decodeUsername("jürgen".getBytes(StandardCharsets.UTF_8))).isEqualTo("jürgen");
  }

  @Test
  void error_roundTripsEveryReason_andRejectsUnknownCode() throws Exception {
    for (EnrollmentError.Reason r : EnrollmentError.Reason.values()) {
      byte[] e = new EnrollmentError(r).encode();
      assertThat(e).hasSize(3).startsWith(1, 0x7F);
      assertThat(EnrollmentError.decode(e).reason()).isEqualTo(r);
      assertThat(MessageType.of(e)).isEqualTo(MessageType.ERROR);
    }
    assertThatThrownBy(() -> EnrollmentError.decode(new byte[] {1, 0x7F, 0}))
        .isInstanceOf(EnrollmentException.class);
    assertThatThrownBy(() -> EnrollmentError.decode(new byte[] {1, 0x7F, 1, 0}))
        .isInstanceOf(EnrollmentException.class);
  }
}
