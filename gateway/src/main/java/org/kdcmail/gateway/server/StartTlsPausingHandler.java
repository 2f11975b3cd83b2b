package org.kdcmail.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.netty.ProtocolMDCContextFactory;

/**
 * James' protocol handler, with reading paused while a STARTTLS (SMTP) or STLS (POP3) command is
 * handled, so that the client's TLS hello cannot arrive before the TLS handler does.
 *
 * <p>James answers such a command by writing "220"/"+OK" and only then adding the TLS handler to
 * the pipeline. On the channel's I/O thread the two happen in one go; the gateway runs the handler
 * on threads of its own ({@link OwnedNettyServer}), so a quick client's hello could be read in
 * between, reach the line decoder instead of TLS, and leave the handshake hanging until the
 * server's handshake timeout closed the connection. With reading off, the hello waits in the socket
 * until the TLS handler is in place.
 */
final class StartTlsPausingHandler extends BasicChannelInboundHandler {
  private static final byte[][] UPGRADE_COMMANDS = {
    "STARTTLS".getBytes(StandardCharsets.US_ASCII), "STLS".getBytes(StandardCharsets.US_ASCII)
  };

  StartTlsPausingHandler(Protocol protocol, Encryption encryption) {
    super(new ProtocolMDCContextFactory.Standard(), protocol, encryption, false);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    boolean upgrade =
        secure != null
            && secure.isStartTLS()
            && ctx.pipeline().get(HandlerConstants.SSL_HANDLER) == null
            && msg instanceof ByteBuf line
            && isUpgradeCommand(line);
    if (!upgrade) {
      super.channelRead(ctx, msg);
      return;
    }
    ctx.channel().config().setAutoRead(false);
    try {
      super.channelRead(ctx, msg);
    } finally {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** The line is STARTTLS or STLS (any case), alone but for trailing spaces and line ends. */
  static boolean isUpgradeCommand(ByteBuf line) {
    int start = line.readerIndex();
    int end = line.writerIndex();
    while (end > start && isBlankOrLineEnd(line.getByte(end - 1))) {
      end--;
    }
    for (byte[] command : UPGRADE_COMMANDS) {
      if (end - start == command.length && startsWithIgnoringCase(line, start, command)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithIgnoringCase(ByteBuf line, int start, byte[] command) {
    for (int i = 0; i < command.length; i++) {
      byte b = line.getByte(start + i);
      if (b >= 'a' && b <= 'z') {
        b -= 'a' - 'A';
      }
      if (b != command[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlankOrLineEnd(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }
}
