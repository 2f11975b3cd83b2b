package org.kdcmail.kdc.server.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameReader;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.protocol.wire.FrameWriter;
import org.kdcmail.kdc.protocol.wire.MalformedFrameException;
import org.kdcmail.kdc.protocol.wire.WireError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection: reads frames, hands them to the conversation, writes replies, and ends the
 * connection with an error frame on bad input, idle timeout or a failing conversation. Logs header
 * values only, never payload bytes.
 */
final class ConnectionHandler {

  /** After an error frame, unread input is drained for at most this long... */
  static final Duration LINGER = Duration.ofSeconds(1);

  /** ...and at most this many bytes, so the peer reads the error frame instead of a reset. */
  static final int LINGER_MAX_BYTES = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

  private final Socket socket;
  private final FrameServer.Builder config;
  private final String peer;

  ConnectionHandler(Socket socket, FrameServer.Builder config) {
    this.socket = socket;
    this.config = config;
    InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
    this.peer =
        remote == null ? "?" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
  }

  /** Called on the acceptor thread when no slot is free: one error frame, then close. */
  void refuseOverCap(int maxConnections) {
    log.warn("Refused connection from {}: at the cap of {} connections", peer, maxConnections);
    try (socket) {
      new FrameWriter(socket.getOutputStream())
          .write(
              ErrorFrame.of(WireError.TOO_MANY_CONNECTIONS, "server busy, retry later").toFrame());
      socket.shutdownOutput();
    } catch (IOException e) {
      log.debug("Could not send TOO_MANY_CONNECTIONS to {}: {}", peer, e.toString());
    }
  }

  void run() {
    try (socket) {
      socket.setSoTimeout((int) config.idleTimeout().toMillis());
      socket.setTcpNoDelay(true);
      ConnectionContext context =
          new ConnectionContext(
              (InetSocketAddress) socket.getRemoteSocketAddress(),
              (InetSocketAddress) socket.getLocalSocketAddress());
      log.debug("Connection from {}", peer);
      Conversation conversation;
      try {
        conversation = config.conversations().create(context);
      } catch (RuntimeException e) {
        log.error("Could not start a conversation for {}", peer, e);
        sendErrorAndClose(WireError.INTERNAL_ERROR, "internal error");
        return;
      }
      try {
        serve(conversation, context);
      } finally {
        conversation.onClose();
      }
    } catch (IOException e) {
      log.debug("Connection from {} ended: {}", peer, e.toString());
    } catch (RuntimeException e) {
      log.error("Connection from {} failed", peer, e);
    }
  }

  private void serve(Conversation conversation, ConnectionContext context) throws IOException {
    FrameDeadlineInputStream input =
        new FrameDeadlineInputStream(socket, config.idleTimeout(), config.frameDeadline());
    FrameReader reader = new FrameReader(input, config.maxPayloadBytes());
    FrameWriter writer = new FrameWriter(socket.getOutputStream());
    while (true) {
      Optional<Frame> frame;
      try {
        frame = reader.read();
      } catch (MalformedFrameException e) {
        log.warn(
            "Rejected frame from {}: {} ({}; version byte {}, type byte {}, announced length {})",
            peer,
            e.error(),
            e.getMessage(),
            hexByte(e.versionByte()),
            hexByte(e.typeByte()),
            e.announcedLength() < 0 ? "-" : e.announcedLength());
        sendErrorAndClose(e.error(), e.getMessage());
        return;
      } catch (SocketTimeoutException e) {
        log.info("Closing connection from {}: {}", peer, e.getMessage());
        sendErrorAndClose(
            WireError.TIMEOUT,
            "no complete frame within "
                + config.idleTimeout()
                + " (idle) or "
                + config.frameDeadline());
        return;
      }
      input.frameCompleted();
      if (frame.isEmpty()) {
        log.debug("Connection from {} closed by peer", peer);
        return;
      }
      Optional<Frame> reply;
      try {
        reply = conversation.onFrame(frame.get());
      } catch (Exception e) {
        log.error("Conversation failed on a {} frame from {}", frame.get().type(), peer, e);
        sendErrorAndClose(WireError.INTERNAL_ERROR, "internal error");
        return;
      }
      if (reply.isPresent()) {
        writer.write(reply.get());
      }
      if (context.closeRequested()) {
        if (reply.isPresent() && reply.get().type() == FrameType.ERROR) {
          lingerAndClose();
        }
        return;
      }
    }
  }

  /** Sends an error frame, half-closes, drains what the peer still sends (bounded), closes. */
  private void sendErrorAndClose(WireError error, String message) {
    try {
      new FrameWriter(socket.getOutputStream()).write(ErrorFrame.of(error, message).toFrame());
      lingerAndClose();
    } catch (IOException e) {
      log.debug("Could not send {} to {}: {}", error, peer, e.toString());
    }
  }

  private void lingerAndClose() throws IOException {
    socket.shutdownOutput();
    socket.setSoTimeout((int) LINGER.toMillis());
    InputStream in = socket.getInputStream();
    byte[] sink = new byte[4096];
    long deadline = System.nanoTime() + LINGER.toNanos();
    int drained = 0;
    try {
      while (drained < LINGER_MAX_BYTES && System.nanoTime() < deadline) {
        int n = in.read(sink);
        if (n < 0) {
          break;
        }
        drained += n;
      }
    } catch (SocketTimeoutException e) {
      // the peer neither closed nor sent more: close now
    }
  }

  private static String hexByte(int value) {
    return value < 0 ? "-" : String.format("0x%02x", value);
  }
}
