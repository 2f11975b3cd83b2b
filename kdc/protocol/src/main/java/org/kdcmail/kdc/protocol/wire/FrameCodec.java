package org.kdcmail.kdc.protocol.wire;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;

/**
 * Wire-format constants and whole-buffer encoding. A frame on the wire is:
 *
 * <pre>
 * offset 0  1 byte   version byte, {@link #VERSION_1} (0xD1)
 * offset 1  1 byte   type code ({@link FrameType#code()})
 * offset 2  4 bytes  payload length, unsigned big-endian
 * offset 6  n bytes  payload
 * </pre>
 */
public final class FrameCodec {

  /** The only version byte this library speaks: high nibble 0xD (magic), low nibble 1. */
  public static final int VERSION_1 = 0xD1;

  /** Bytes before the payload. */
  public static final int HEADER_BYTES = 6;

  /** The default maximum payload a reader accepts: 64 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

  /** No reader can be configured above this: 16 MiB. */
  public static final int ABSOLUTE_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

  private FrameCodec() {}

  /** The frame's exact wire bytes. */
  public static byte[] encode(Frame frame) {
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + frame.payloadLength());
    out.put((byte) VERSION_1);
    out.put((byte) frame.type().code());
    out.putInt(frame.payloadLength());
    out.put(frame.payload());
    return out.array();
  }

  /**
   * Decodes exactly one frame that fills {@code bytes}.
   *
   * @throws MalformedFrameException if the bytes are not exactly one valid frame of at most {@code
   *     maxPayloadBytes}
   */
  public static Frame decode(byte[] bytes, int maxPayloadBytes) throws MalformedFrameException {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    try {
      Frame frame =
          new FrameReader(in, maxPayloadBytes)
              .read()
              .orElseThrow(() -> truncated("empty input", MalformedFrameException.NOT_READ));
      if (in.available() > 0) {
        throw new MalformedFrameException(
            WireError.MALFORMED_FRAME,
            in.available() + " trailing bytes after the frame",
            VERSION_1,
            frame.type().code(),
            frame.payloadLength());
      }
      return frame;
    } catch (MalformedFrameException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("in-memory stream failed", e);
    }
  }

  static MalformedFrameException truncated(String what, int versionByte) {
    return new MalformedFrameException(
        WireError.MALFORMED_FRAME,
        "truncated frame: " + what,
        versionByte,
        MalformedFrameException.NOT_READ,
        MalformedFrameException.NOT_READ);
  }

  static int checkMaxPayload(int maxPayloadBytes) {
    if (maxPayloadBytes < 0 || maxPayloadBytes > ABSOLUTE_MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be in 0.."
              + ABSOLUTE_MAX_PAYLOAD_BYTES
              + ", was "
              + maxPayloadBytes);
    }
    return maxPayloadBytes;
  }
}
