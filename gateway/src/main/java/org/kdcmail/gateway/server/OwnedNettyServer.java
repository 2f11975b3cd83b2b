package org.kdcmail.gateway.server;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.util.Objects;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.netty.AbstractAsyncServer;
import org.apache.james.protocols.netty.AbstractSSLAwareChannelPipelineFactory;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.LineDelimiterBasedChannelHandlerFactory;
import org.apache.james.protocols.netty.ProtocolMDCContextFactory;

/**
 * A James protocol server that owns (and on {@link #unbind()} shuts down) its handler threads, so
 * nothing is left running after the gateway stops — James' own {@code NettyServer} leaks a
 * 16-thread group per bind (see stack.md).
 */
public final class OwnedNettyServer extends AbstractAsyncServer {
  private final Protocol protocol;
  private final Encryption encryption;
  private final int maxLineBytes;
  private final int maxConnections;
  private final DefaultEventLoopGroup handlers;

  /**
   * @param protocol the James protocol (SMTP or POP3) with its handler chain
   * @param encryption STARTTLS/STLS material, or null for none
   * @param maxLineBytes longest line accepted from a client
   * @param maxConnections most simultaneous connections (0: unlimited)
   * @param handlerThreads threads running the protocol handlers (they may block on I/O)
   */
  public OwnedNettyServer(
      Protocol protocol,
      Encryption encryption,
      int maxLineBytes,
      int maxConnections,
      int handlerThreads) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.encryption = encryption;
    this.maxLineBytes = maxLineBytes;
    this.maxConnections = maxConnections;
    this.handlers = new DefaultEventLoopGroup(handlerThreads);
  }

  @Override
  protected ChannelInitializer<SocketChannel> createPipelineFactory() {
    return new AbstractSSLAwareChannelPipelineFactory<SocketChannel>(
        getTimeout(),
        maxConnections,
        0,
        false,
        () -> encryption,
        new LineDelimiterBasedChannelHandlerFactory(maxLineBytes),
        handlers) {
      @Override
      protected ChannelInboundHandlerAdapter createHandler() {
        return new BasicChannelInboundHandler(
            new ProtocolMDCContextFactory.Standard(), protocol, encryption, false);
      }
    };
  }

  @Override
  public synchronized void unbind() {
    super.unbind();
    handlers.shutdownGracefully();
  }
}
