package org.kdcmail.kdc.protocol.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * One protocol frame: a type and its payload. Immutable: the payload is copied in and out. The
 * payload is never part of {@link #toString()}, so frames can be logged.
 *
 * @param type the frame type
 * @param payload the payload, at most {@link FrameCodec#ABSOLUTE_MAX_PAYLOAD_BYTES} bytes
 */
public record Frame(FrameType type, byte[] payload) {

  public Frame {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    if (payload.length > FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "payload of "
              + payload.length
              + " bytes exceeds "
              + FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES);
    }
    payload = payload.clone();
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload length in bytes, without copying. */
  public int payloadLength() {
    return payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame other && type == other.type && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Frame[type=" + type + ", payloadBytes=" + payload.length + "]";
  }
}
