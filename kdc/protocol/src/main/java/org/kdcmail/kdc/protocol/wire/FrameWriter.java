package org.kdcmail.kdc.protocol.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes frames to a stream: each frame in one {@code write} call, then a flush. Not thread-safe.
 */
public final class FrameWriter {

  private final OutputStream out;

  /**
   * @param out the stream; this writer does not close it
   */
  public FrameWriter(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Writes and flushes one frame. */
  public void write(Frame frame) throws IOException {
    out.write(FrameCodec.encode(frame));
    out.flush();
  }
}
