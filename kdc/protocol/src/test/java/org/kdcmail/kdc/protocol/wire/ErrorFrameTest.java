package org.kdcmail.kdc.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ErrorFrameTest {

  @Test
  void toFrame_timeout_isByteExact() {
    Frame frame = ErrorFrame.of(WireError.TIMEOUT, "idle").toFrame();
    assertThat(HexFormat.of().formatHex(FrameCodec.encode(frame)))
        .isEqualTo("d10100000006" + "0003" + "69646c65");
  }

  @Test
  void fromFrame_roundTrip_keepsApplicationCode() throws Exception {
    ErrorFrame error = new ErrorFrame(0x0123, "unknown client");
    ErrorFrame back = ErrorFrame.fromFrame(error.toFrame());
    assertThat(back).isEqualTo(error);
    assertThat(back.wireError()).isEmpty();
    assertThat(
            ErrorFrame.fromFrame(ErrorFrame.of(WireError.UNAUTHORIZED, "").toFrame()).wireError())
        .contains(WireError.UNAUTHORIZED);
  }

  @Test
  void constructor_nonAsciiOrControlOrLong_rejected() {
    assertThatThrownBy(() -> ErrorFrame.of(WireError.TIMEOUT, "caf\u00e9"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ErrorFrame.of(WireError.TIMEOUT, "a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ErrorFrame.of(WireError.TIMEOUT, "x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ErrorFrame(0, "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromFrame_badPayload_rejected() {
    assertThatThrownBy(() -> ErrorFrame.fromFrame(new Frame(FrameType.ERROR, new byte[1])))
        .isInstanceOf(MalformedFrameException.class);
    assertThatThrownBy(
            () -> ErrorFrame.fromFrame(new Frame(FrameType.ERROR, new byte[] {0, 1, (byte) 0xC3})))
        .isInstanceOf(MalformedFrameException.class);
    assertThatThrownBy(() -> ErrorFrame.fromFrame(new Frame(FrameType.ADMIN_RESPONSE, new byte[2])))
        .isInstanceOf(MalformedFrameException.class);
  }
}
