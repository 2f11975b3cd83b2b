package org.kdcmail.kdc.protocol.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads frames from a stream, one at a time. Every check happens as soon as its byte arrives: a
 * wrong version byte is rejected after one byte, an unknown type after two, an oversize length
 * after six, before any payload is read or allocated. Payload buffers grow in steps as bytes
 * actually arrive, so a peer that announces a large frame and stalls costs little memory. Not
 * thread-safe.
 */
public final class FrameReader {

  /** Payload buffers start at most this big and double as data arrives. */
  static final int INITIAL_BUFFER_BYTES = 8 * 1024;

  private final InputStream in;
  private final int maxPayloadBytes;

  /**
   * @param in the stream; this reader does not close it
   * @param maxPayloadBytes the largest payload accepted, at most {@link
   *     FrameCodec#ABSOLUTE_MAX_PAYLOAD_BYTES}
   */
  public FrameReader(InputStream in, int maxPayloadBytes) {
    this.in = Objects.requireNonNull(in, "in");
    this.maxPayloadBytes = FrameCodec.checkMaxPayload(maxPayloadBytes);
  }

  /** A reader with {@link FrameCodec#DEFAULT_MAX_PAYLOAD_BYTES}. */
  public FrameReader(InputStream in) {
    this(in, FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /**
   * Reads the next frame.
   *
   * @return the frame, or empty if the stream ended cleanly before the first byte of a frame
   * @throws MalformedFrameException for a bad version or type byte, an oversize length, or a stream
   *     that ends or stops making progress inside a frame
   * @throws IOException if the stream fails (for example a socket read timeout)
   */
  public Optional<Frame> read() throws IOException {
    int version = in.read();
    if (version < 0) {
      return Optional.empty();
    }
    if (version != FrameCodec.VERSION_1) {
      throw new MalformedFrameException(
          WireError.MALFORMED_FRAME,
          "unknown version byte",
          version,
          MalformedFrameException.NOT_READ,
          MalformedFrameException.NOT_READ);
    }
    int typeCode = in.read();
    if (typeCode < 0) {
      throw FrameCodec.truncated("no type byte", version);
    }
    FrameType type =
        FrameType.fromCode(typeCode)
            .orElseThrow(
                () ->
                    new MalformedFrameException(
                        WireError.MALFORMED_FRAME,
                        "unknown frame type",
                        version,
                        typeCode,
                        MalformedFrameException.NOT_READ));
    long length = readLength(typeCode);
    if (length > maxPayloadBytes) {
      throw new MalformedFrameException(
          WireError.FRAME_TOO_LARGE,
          "announced length exceeds the maximum of " + maxPayloadBytes,
          version,
          typeCode,
          length);
    }
    return Optional.of(new Frame(type, readPayload((int) length, typeCode)));
  }

  private long readLength(int typeCode) throws IOException {
    long length = 0;
    for (int i = 0; i < Integer.BYTES; i++) {
      int b = in.read();
      if (b < 0) {
        throw new MalformedFrameException(
            WireError.MALFORMED_FRAME,
            "truncated frame: length field cut short",
            FrameCodec.VERSION_1,
            typeCode,
            MalformedFrameException.NOT_READ);
      }
      length = (length << 8) | b;
    }
    return length;
  }

  private byte[] readPayload(int length, int typeCode) throws IOException {
    byte[] buffer = new byte[Math.min(length, INITIAL_BUFFER_BYTES)];
    int filled = 0;
    while (filled < length) {
      if (filled == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, length));
      }
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n <= 0) {
        // -1: end of stream; 0 violates the InputStream contract and would loop forever.
        throw new MalformedFrameException(
            WireError.MALFORMED_FRAME,
            n < 0
                ? "truncated frame: stream ended after " + filled + " payload bytes"
                : "stream made no progress after " + filled + " payload bytes",
            FrameCodec.VERSION_1,
            typeCode,
            length);
      }
      filled += n;
    }
    return buffer;
  }
}
