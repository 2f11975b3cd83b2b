package org.kdcmail.kdc.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The payload of an {@link FrameType#ERROR} frame: a two-byte big-endian code followed by a short
 * printable-ASCII message (the rest of the payload, at most {@link #MAX_MESSAGE_CHARS}). Messages
 * are for operators and must never carry secrets or echoed input.
 *
 * @param code a {@link WireError} code or an application code ({@code 0x0100..0xFFFF})
 * @param message printable ASCII ({@code 0x20..0x7E}), at most {@link #MAX_MESSAGE_CHARS}
 */
public record ErrorFrame(int code, String message) {

  /** Longest message accepted. */
  public static final int MAX_MESSAGE_CHARS = 200;

  private static final int CODE_BYTES = 2;

  public ErrorFrame {
    if (code < 1 || code > 0xFFFF) {
      throw new IllegalArgumentException("error code must be in 1..0xFFFF, was " + code);
    }
    Objects.requireNonNull(message, "message");
    if (message.length() > MAX_MESSAGE_CHARS) {
      throw new IllegalArgumentException("error message longer than " + MAX_MESSAGE_CHARS);
    }
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException("error message must be printable ASCII");
      }
    }
  }

  /** An error frame for a transport error. */
  public static ErrorFrame of(WireError error, String message) {
    return new ErrorFrame(error.code(), message);
  }

  /** The transport error, or empty for an application code. */
  public Optional<WireError> wireError() {
    return WireError.fromCode(code);
  }

  /** This error as an {@link FrameType#ERROR} frame. */
  public Frame toFrame() {
    byte[] text = message.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer payload = ByteBuffer.allocate(CODE_BYTES + text.length);
    payload.putShort((short) code);
    payload.put(text);
    return new Frame(FrameType.ERROR, payload.array());
  }

  /**
   * Parses an {@link FrameType#ERROR} frame.
   *
   * @throws MalformedFrameException if the frame is not an error frame or its payload is invalid
   */
  public static ErrorFrame fromFrame(Frame frame) throws MalformedFrameException {
    byte[] payload = frame.payload();
    if (frame.type() != FrameType.ERROR
        || payload.length < CODE_BYTES
        || payload.length > CODE_BYTES + MAX_MESSAGE_CHARS) {
      throw invalid(frame);
    }
    int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    String message =
        new String(payload, CODE_BYTES, payload.length - CODE_BYTES, StandardCharsets.US_ASCII);
    try {
      return new ErrorFrame(code, message);
    } catch (IllegalArgumentException e) {
      throw invalid(frame);
    }
  }

  private static MalformedFrameException invalid(Frame frame) {
    return new MalformedFrameException(
        WireError.MALFORMED_FRAME,
        "invalid error frame",
        FrameCodec.VERSION_1,
        frame.type().code(),
        frame.payloadLength());
  }
}
