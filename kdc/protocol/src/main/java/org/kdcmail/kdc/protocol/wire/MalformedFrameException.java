package org.kdcmail.kdc.protocol.wire;

import java.io.IOException;

/**
 * A frame that could not be read: unknown version or type byte, an announced length above the
 * maximum, or a stream that ended (or made no progress) inside a frame. Carries only the header
 * values that were read, never payload bytes, so it is safe to log.
 */
public final class MalformedFrameException extends IOException {

  /** Marker for a header field that was not read. */
  public static final int NOT_READ = -1;

  private final WireError error;
  private final int versionByte;
  private final int typeByte;
  private final long announcedLength;

  MalformedFrameException(
      WireError error, String reason, int versionByte, int typeByte, long announcedLength) {
    super(reason);
    this.error = error;
    this.versionByte = versionByte;
    this.typeByte = typeByte;
    this.announcedLength = announcedLength;
  }

  /** {@link WireError#MALFORMED_FRAME} or {@link WireError#FRAME_TOO_LARGE}. */
  public WireError error() {
    return error;
  }

  /** The version byte (0..255), or {@link #NOT_READ}. */
  public int versionByte() {
    return versionByte;
  }

  /** The type byte (0..255), or {@link #NOT_READ}. */
  public int typeByte() {
    return typeByte;
  }

  /** The announced payload length (0..2^32-1), or {@link #NOT_READ}. */
  public long announcedLength() {
    return announcedLength;
  }
}
