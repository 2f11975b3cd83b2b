package org.kdcmail.kdc.server.transport;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's input with two bounds: between frames a read may wait the idle timeout; once a frame's
 * first byte has arrived, the whole frame must arrive within the frame deadline, however the peer
 * paces its bytes (a client trickling one byte just inside each idle timeout cannot hold a
 * connection forever).
 */
final class FrameDeadlineInputStream extends FilterInputStream {
  private static final int BUFFER_BYTES = 8192;

  private final Socket socket;
  private final int idleMillis;
  private final long frameDeadlineNanos;
  private long deadline;
  private boolean inFrame;

  FrameDeadlineInputStream(Socket socket, Duration idle, Duration frameDeadline)
      throws IOException {
    // Buffered below the deadline logic: a frame header is read a byte at a time, and each read
    // of the bare socket stream would be a system call.
    super(new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES));
    this.socket = socket;
    this.idleMillis = (int) idle.toMillis();
    this.frameDeadlineNanos = frameDeadline.toNanos();
  }

  /** Marks the end of a frame: the next read waits for a new frame under the idle timeout. */
  void frameCompleted() {
    inFrame = false;
  }

  @Override
  public int read() throws IOException {
    armTimeout();
    int b = super.read();
    startFrameIfNeeded(b >= 0 ? 1 : 0);
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    armTimeout();
    int n = super.read(buffer, offset, length);
    startFrameIfNeeded(n);
    return n;
  }

  private void armTimeout() throws IOException {
    if (!inFrame) {
      socket.setSoTimeout(idleMillis);
      return;
    }
    long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
    if (remainingMillis <= 0) {
      throw new SocketTimeoutException("frame not completed within its deadline");
    }
    socket.setSoTimeout((int) Math.min(idleMillis, remainingMillis));
  }

  private void startFrameIfNeeded(int bytesRead) {
    if (!inFrame && bytesRead > 0) {
      inFrame = true;
      deadline = System.nanoTime() + frameDeadlineNanos;
    }
  }
}
