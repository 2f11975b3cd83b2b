package org.kdcmail.kdc.server;

import java.util.Optional;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.server.store.KdcStoreException;
import org.kdcmail.kdc.server.transport.ConnectionContext;
import org.kdcmail.kdc.server.transport.Conversation;
import org.kdcmail.qrng.EntropyUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection carrying session-key requests and ticket fetches, any number in a row (a gateway
 * keeps its connection open). A malformed request closes the connection; refusals do not.
 */
final class SessionConversation implements Conversation {
  private static final Logger log = LoggerFactory.getLogger(SessionConversation.class);

  private final SessionKeyService issuer;
  private final TicketFetchService fetcher;
  private final ConnectionContext context;

  SessionConversation(
      SessionKeyService issuer, TicketFetchService fetcher, ConnectionContext context) {
    this.issuer = issuer;
    this.fetcher = fetcher;
    this.context = context;
  }

  @Override
  public Optional<Frame> onFrame(Frame frame) {
    try {
      return Optional.of(
          switch (frame.type()) {
            case SESSION_KEY_REQUEST -> issuer.issue(frame.payload());
            case TICKET_FETCH_REQUEST -> fetcher.fetch(frame.payload());
            default -> close(SessionError.BAD_REQUEST, "unexpected " + frame.type());
          });
    } catch (SessionException e) {
      return Optional.of(close(SessionError.BAD_REQUEST, "malformed request"));
    } catch (KdcStoreException e) {
      log.error("session request failed in the store: {}", e.getMessage());
      return Optional.of(
          SessionChecks.refuse(
              SessionError.UNAVAILABLE, "the KDC could not record the request; retry"));
    } catch (EntropyUnavailableException e) {
      log.error("session key refused: no keys available: {}", e.getMessage());
      return Optional.of(
          SessionChecks.refuse(SessionError.UNAVAILABLE, "the KDC cannot draw keys right now"));
    }
  }

  private Frame close(SessionError reason, String message) {
    context.closeAfterReply();
    return SessionChecks.refuse(reason, message);
  }
}
