package org.kdcmail.kdc.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void encode_adminRequest_isByteExact() {
    Frame frame = new Frame(FrameType.ADMIN_REQUEST, new byte[] {1, 2, 3});
    assertThat(HEX.formatHex(FrameCodec.encode(frame))).isEqualTo("d14000000003010203");
  }

  @Test
  void roundTrip_everyType_returnsEqualFrames() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(out);
    for (FrameType type : FrameType.values()) {
      writer.write(new Frame(type, new byte[type.code()]));
    }
    writer.write(new Frame(FrameType.ERROR, new byte[0]));
    FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()));
    for (FrameType type : FrameType.values()) {
      assertThat(reader.read()).contains(new Frame(type, new byte[type.code()]));
    }
    assertThat(reader.read()).contains(new Frame(FrameType.ERROR, new byte[0]));
    assertThat(reader.read()).isEmpty();
  }

  @Test
  void roundTrip_payloadAtMaximum_accepted() throws IOException {
    byte[] payload = new byte[1000];
    Arrays.fill(payload, (byte) 7);
    byte[] wire = FrameCodec.encode(new Frame(FrameType.ENROLL_CLIENT_HELLO, payload));
    assertThat(FrameCodec.decode(wire, 1000).payload()).isEqualTo(payload);
  }

  @Test
  void read_lengthOneAboveMaximum_framesTooLargeWithoutReadingBody() {
    CountingStream in = new CountingStream(HEX.parseHex("d110000003e9"), 1001);
    assertThatThrownBy(() -> new FrameReader(in, 1000).read())
        .isInstanceOfSatisfying(
            MalformedFrameException.class,
            e -> {
              assertThat(e.error()).isEqualTo(WireError.FRAME_TOO_LARGE);
              assertThat(e.announcedLength()).isEqualTo(1001);
              assertThat(e.typeByte()).isEqualTo(0x10);
            });
    assertThat(in.consumed).isEqualTo(FrameCodec.HEADER_BYTES);
  }

  @Test
  void read_lengthWithTopBitSet_framesTooLarge() {
    assertThatThrownBy(() -> FrameCodec.decode(HEX.parseHex("d110ffffffff"), 1000))
        .isInstanceOfSatisfying(
            MalformedFrameException.class,
            e -> assertThat(e.announcedLength()).isEqualTo(0xFFFFFFFFL));
  }

  @Test
  void read_wrongVersion_rejectedAfterOneByte() {
    CountingStream in = new CountingStream("GET / HTTP/1.1\r\n".getBytes(), 0);
    assertThatThrownBy(() -> new FrameReader(in).read())
        .isInstanceOfSatisfying(
            MalformedFrameException.class,
            e -> {
              assertThat(e.error()).isEqualTo(WireError.MALFORMED_FRAME);
              assertThat(e.versionByte()).isEqualTo('G');
            });
    assertThat(in.consumed).isEqualTo(1);
  }

  @Test
  void read_unknownType_rejected() {
    assertThatThrownBy(() -> FrameCodec.decode(HEX.parseHex("d120000000"), 1000))
        .isInstanceOfSatisfying(
            MalformedFrameException.class,
            e -> {
              assertThat(e.typeByte()).isEqualTo(0x20);
              assertThat(e).hasMessage("unknown frame type");
            });
    assertThatThrownBy(() -> FrameCodec.decode(HEX.parseHex("d100000000"), 1000))
        .isInstanceOf(MalformedFrameException.class);
  }

  @Test
  void read_truncatedAnywhere_rejected() {
    byte[] wire = FrameCodec.encode(new Frame(FrameType.ADMIN_REQUEST, new byte[20]));
    for (int cut = 1; cut < wire.length; cut++) {
      byte[] prefix = Arrays.copyOf(wire, cut);
      assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(prefix)).read())
          .as("cut at %d", cut)
          .isInstanceOf(MalformedFrameException.class)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void read_streamReturningZero_doesNotLoop() {
    InputStream stalls =
        new InputStream() {
          private final ByteArrayInputStream header =
              new ByteArrayInputStream(HEX.parseHex("d11000000004"));

          @Override
          public int read() {
            return header.read();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return 0;
          }
        };
    assertThatThrownBy(() -> new FrameReader(stalls).read())
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("no progress");
  }

  @Test
  void decode_trailingBytes_rejected() {
    assertThatThrownBy(() -> FrameCodec.decode(HEX.parseHex("d1010000000000"), 1000))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void constructor_maximumAboveAbsolute_rejected() {
    assertThatThrownBy(
            () ->
                new FrameReader(
                    InputStream.nullInputStream(), FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void frame_toStringAndCopies_doNotExposePayload() {
    byte[] payload = {0x53, 0x45, 0x43};
    Frame frame = new Frame(FrameType.ADMIN_REQUEST, payload);
    payload[0] = 0;
    assertThat(frame.payload()[0]).isEqualTo((byte) 0x53);
    frame.payload()[1] = 0;
    assertThat(frame.payload()[1]).isEqualTo((byte) 0x45);
    assertThat(frame.toString()).isEqualTo("Frame[type=ADMIN_REQUEST, payloadBytes=3]");
  }

  /** Serves {@code data} then {@code fill} zero bytes, counting what was consumed. */
  private static final class CountingStream extends InputStream {
    private final byte[] data;
    private final int total;
    int consumed;

    CountingStream(byte[] data, int fill) {
      this.data = data;
      this.total = data.length + fill;
    }

    @Override
    public int read() {
      if (consumed >= total) {
        return -1;
      }
      int b = consumed < data.length ? data[consumed] & 0xFF : 0;
      consumed++;
      return b;
    }
  }
}
