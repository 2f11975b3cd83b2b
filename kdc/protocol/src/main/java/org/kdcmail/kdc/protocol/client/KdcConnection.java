package org.kdcmail.kdc.protocol.client;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameCodec;
import org.kdcmail.kdc.protocol.wire.FrameReader;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.protocol.wire.FrameWriter;

/**
 * One blocking connection to a KDC. Every wait is bounded: the connect by the connect timeout, each
 * {@link #receive()} by the read timeout. An {@link FrameType#ERROR} frame from the KDC surfaces as
 * {@link KdcErrorException}. Not thread-safe.
 */
public final class KdcConnection implements AutoCloseable {

  /** The KDC's default port. */
  public static final int DEFAULT_PORT = 7750;

  /** The KDC's default address: {@code 127.0.0.1:7750}. */
  public static final InetSocketAddress DEFAULT_ADDRESS =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  private final Socket socket;
  private final String endpoint;
  private final Duration readTimeout;
  private final FrameReader reader;
  private final FrameWriter writer;

  private KdcConnection(Socket socket, String endpoint, Duration readTimeout, int maxPayloadBytes)
      throws IOException {
    this.socket = socket;
    this.endpoint = endpoint;
    this.readTimeout = readTimeout;
    // Buffered: the reader takes a frame header a byte at a time (one system call each,
    // unbuffered).
    this.reader =
        new FrameReader(new BufferedInputStream(socket.getInputStream()), maxPayloadBytes);
    this.writer = new FrameWriter(socket.getOutputStream());
  }

  /** Connects with the default timeouts and {@link FrameCodec#DEFAULT_MAX_PAYLOAD_BYTES}. */
  public static KdcConnection connect(InetSocketAddress address) throws IOException {
    return connect(
        address,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /**
   * Connects to a KDC.
   *
   * @throws IOException "KDC unreachable at host:port: ..." if the connection cannot be made
   */
  public static KdcConnection connect(
      InetSocketAddress address, Duration connectTimeout, Duration readTimeout, int maxPayloadBytes)
      throws IOException {
    Objects.requireNonNull(address, "address");
    int connectMillis = toMillis(connectTimeout, "connectTimeout");
    int readMillis = toMillis(readTimeout, "readTimeout");
    String endpoint = describe(address);
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, connectMillis);
      socket.setSoTimeout(readMillis);
      return new KdcConnection(socket, endpoint, readTimeout, maxPayloadBytes);
    } catch (ConnectException e) {
      socket.close();
      throw new IOException("KDC unreachable at " + endpoint + ": connection refused", e);
    } catch (SocketTimeoutException e) {
      socket.close();
      throw new IOException(
          "KDC unreachable at " + endpoint + ": no answer within " + connectTimeout, e);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw new IOException("KDC unreachable at " + endpoint + ": " + e.getMessage(), e);
    }
  }

  /** Sends one frame. */
  public void send(Frame frame) throws IOException {
    try {
      writer.write(frame);
    } catch (IOException e) {
      throw new IOException("lost connection to KDC at " + endpoint + ": " + e.getMessage(), e);
    }
  }

  /**
   * Receives one frame.
   *
   * @throws KdcErrorException if the KDC sent an error frame
   * @throws EOFException if the KDC closed the connection
   * @throws IOException on a read timeout or a malformed frame
   */
  public Frame receive() throws IOException {
    Frame frame;
    try {
      frame =
          reader
              .read()
              .orElseThrow(() -> new EOFException("KDC at " + endpoint + " closed the connection"));
    } catch (SocketTimeoutException e) {
      throw new IOException("KDC at " + endpoint + " did not answer within " + readTimeout, e);
    }
    if (frame.type() == FrameType.ERROR) {
      throw new KdcErrorException(endpoint, ErrorFrame.fromFrame(frame));
    }
    return frame;
  }

  /** Sends a frame and receives the reply. */
  public Frame exchange(Frame request) throws IOException {
    send(request);
    return receive();
  }

  /** The KDC endpoint as {@code host:port}, for messages. */
  public String endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static String describe(InetSocketAddress address) {
    String host =
        address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : address.getHostString();
    return host + ":" + address.getPort();
  }

  private static int toMillis(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be positive and at most 24 days");
    }
    return (int) d.toMillis();
  }
}
