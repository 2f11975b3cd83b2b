package org.kdcmail.gateway.pop3;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

/**
 * USER: remembers the login name exactly as typed (the office server gets it unchanged). Off
 * loopback, refused until STLS has run, and then not advertised in CAPA before it. Also advertises
 * the response codes the gateway's replies carry (RFC 2449, RFC 3206).
 */
final class UserHandler implements CommandHandler<POP3Session>, CapaCapability {
  /** The login name as the client sent it. */
  static final AttachmentKey<String> LOGIN = AttachmentKey.of("kdcmail.pop3.login", String.class);

  private final boolean cleartextAllowed;

  /**
   * @param cleartextAllowed whether USER/PASS may run without TLS (loopback only)
   */
  UserHandler(boolean cleartextAllowed) {
    this.cleartextAllowed = cleartextAllowed;
  }

  /** Whether USER and PASS may run in this session now. */
  boolean allowed(POP3Session session) {
    return cleartextAllowed || session.isTLSStarted();
  }

  @Override
  public Response onCommand(POP3Session session, Request request) {
    if (session.getHandlerState() != POP3Session.AUTHENTICATION_READY
        || request.getArgument() == null
        || request.getArgument().isBlank()) {
      return POP3Response.ERR;
    }
    if (!allowed(session)) {
      return Pop3Replies.TLS_REQUIRED;
    }
    String login = request.getArgument().trim();
    try {
      session.setUsername(Username.of(login));
    } catch (IllegalArgumentException e) {
      return Pop3Replies.AUTHENTICATION_FAILED;
    }
    session.setAttachment(LOGIN, login, State.Connection);
    session.setHandlerState(POP3Session.AUTHENTICATION_USERSET);
    return POP3Response.OK;
  }

  @Override
  public Collection<String> getImplCommands() {
    return Set.of("USER");
  }

  @Override
  public Set<String> getImplementedCapabilities(POP3Session session) {
    Set<String> caps = new LinkedHashSet<>();
    if (allowed(session)) {
      caps.add("USER");
    }
    caps.add("RESP-CODES");
    caps.add("AUTH-RESP-CODE");
    caps.add("IMPLEMENTATION kdcmail-gateway");
    return caps;
  }
}
