package org.kdcmail.kdc.server.admin;

import java.util.Objects;
import java.util.Optional;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.protocol.wire.WireError;
import org.kdcmail.kdc.server.transport.ConnectionContext;
import org.kdcmail.kdc.server.transport.Conversation;
import org.kdcmail.kdc.server.transport.ConversationFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates {@link FrameType#ADMIN_REQUEST} frames and passes them to an {@link
 * AdminCommandHandler}. Refused with {@code UNAUTHORIZED} and a closed connection: a peer that is
 * not loopback, or a wrong token. A payload that does not parse gets {@code PROTOCOL_ERROR}; any
 * other frame type too. Each request is authenticated on its own.
 */
public final class AdminConversation implements Conversation {

  private static final Logger log = LoggerFactory.getLogger(AdminConversation.class);

  private final ConnectionContext context;
  private final AdminToken expected;
  private final AdminCommandHandler handler;

  public AdminConversation(
      ConnectionContext context, AdminToken expected, AdminCommandHandler handler) {
    this.context = Objects.requireNonNull(context, "context");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** A factory of admin conversations, for a server (or a dispatcher) that serves admin. */
  public static ConversationFactory factory(AdminToken expected, AdminCommandHandler handler) {
    return context -> new AdminConversation(context, expected, handler);
  }

  @Override
  public Optional<Frame> onFrame(Frame frame) throws Exception {
    if (frame.type() != FrameType.ADMIN_REQUEST) {
      return refuse(WireError.PROTOCOL_ERROR, "expected ADMIN_REQUEST");
    }
    if (!context.isLoopbackPeer()) {
      log.warn("Refused admin request from non-loopback peer {}", context.remoteAddress());
      return refuse(WireError.UNAUTHORIZED, "admin requests are accepted from loopback only");
    }
    AdminRequest request;
    try {
      request = AdminRequest.decode(frame.payload());
    } catch (IllegalArgumentException e) {
      log.warn("Malformed admin request from {}: {}", context.remoteAddress(), e.getMessage());
      return refuse(WireError.PROTOCOL_ERROR, "malformed admin request");
    }
    if (!expected.matches(request.token())) {
      log.warn("Refused admin request from {}: wrong token", context.remoteAddress());
      return refuse(WireError.UNAUTHORIZED, "wrong admin token");
    }
    log.info("Admin command '{}' from {}", request.command(), context.remoteAddress());
    return Optional.of(handler.handle(request).toFrame());
  }

  private Optional<Frame> refuse(WireError error, String message) {
    context.closeAfterReply();
    return Optional.of(ErrorFrame.of(error, message).toFrame());
  }
}
