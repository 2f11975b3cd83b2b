package org.kdcmail.kdc.server.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Optional;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameReader;
import org.kdcmail.kdc.protocol.wire.FrameType;

/** A test client that sends raw bytes and reads frames, with a bounded read timeout. */
final class RawClient implements AutoCloseable {

  static final int READ_TIMEOUT_MILLIS = 5_000;

  private final Socket socket;
  private final FrameReader reader;

  RawClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    reader = new FrameReader(socket.getInputStream());
  }

  RawClient send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  Optional<Frame> read() throws IOException {
    return reader.read();
  }

  /** Reads one frame, which must be an error frame. */
  ErrorFrame readError() throws IOException {
    Frame frame = reader.read().orElseThrow(() -> new AssertionError("closed without error frame"));
    if (frame.type() != FrameType.ERROR) {
      throw new AssertionError("expected an error frame, got " + frame);
    }
    return ErrorFrame.fromFrame(frame);
  }

  /** True if the server closed its side: the next read is end of stream. */
  boolean closedByServer() throws IOException {
    InputStream in = socket.getInputStream();
    return in.read() == -1;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
