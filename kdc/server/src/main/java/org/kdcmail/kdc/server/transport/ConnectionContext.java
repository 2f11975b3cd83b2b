package org.kdcmail.kdc.server.transport;

import java.net.InetSocketAddress;

/**
 * What a {@link Conversation} may know about and do to its connection. Used from the connection's
 * thread only.
 */
public final class ConnectionContext {

  private final InetSocketAddress remoteAddress;
  private final InetSocketAddress localAddress;
  private boolean closeAfterReply;

  ConnectionContext(InetSocketAddress remoteAddress, InetSocketAddress localAddress) {
    this.remoteAddress = remoteAddress;
    this.localAddress = localAddress;
  }

  /** The peer's address and port. */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** The server's address and port for this connection. */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** True if the peer connected from a loopback address (127.0.0.0/8 or ::1). */
  public boolean isLoopbackPeer() {
    return remoteAddress.getAddress() != null && remoteAddress.getAddress().isLoopbackAddress();
  }

  /** Closes the connection once the reply to the current frame (if any) has been sent. */
  public void closeAfterReply() {
    closeAfterReply = true;
  }

  boolean closeRequested() {
    return closeAfterReply;
  }
}
