package org.kdcmail.gateway.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.util.Objects;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.netty.AbstractAsyncServer;
import org.apache.james.protocols.netty.AbstractSSLAwareChannelPipelineFactory;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.netty.LineDelimiterBasedChannelHandlerFactory;

/**
 * A James protocol server that owns (and on {@link #unbind()} shuts down) its handler threads, so
 * nothing is left running after the gateway stops — James' own {@code NettyServer} leaks a
 * 16-thread group per bind (see stack.md).
 */
public final class OwnedNettyServer extends AbstractAsyncServer {
  private static final ChannelInboundHandlerAdapter PLACEHOLDER = new Placeholder();

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
      /**
       * James 3.8.1 runs only the line framer on {@code handlers} and adds its core handler (the
       * protocol's commands and hooks, which block on the KDC and the office server) to the
       * channel's I/O event loop: 2 × cores threads shared by every connection, so one client
       * waiting for the office server stalled every other client on the same loop. The core handler
       * is therefore put on {@code handlers} instead (round robin over handlerThreads threads, so
       * connections up to that number do not share one); docs/benchmarks.md. Off the I/O loop,
       * James' STARTTLS/STLS answer and its TLS handler no longer arrive together, so the handler
       * pauses reading in between ({@link StartTlsPausingHandler}).
       */
      @Override
      public void initChannel(SocketChannel channel) throws Exception {
        super.initChannel(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.remove(HandlerConstants.CORE_HANDLER);
        pipeline.addLast(
            handlers,
            HandlerConstants.CORE_HANDLER,
            new StartTlsPausingHandler(protocol, encryption));
      }

      /** A stand-in James adds on the I/O loop; {@link #initChannel} replaces it at once. */
      @Override
      protected ChannelInboundHandlerAdapter createHandler() {
        return PLACEHOLDER;
      }
    };
  }

  @Override
  public synchronized void unbind() {
    super.unbind();
    handlers.shutdownGracefully();
  }

  @ChannelHandler.Sharable
  private static final class Placeholder extends ChannelInboundHandlerAdapter {}
}
