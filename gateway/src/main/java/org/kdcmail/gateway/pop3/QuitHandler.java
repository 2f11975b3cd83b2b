package org.kdcmail.gateway.pop3;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * QUIT: in the transaction state, the messages the client deleted are deleted upstream (DELE, then
 * QUIT to the office server) — the only path that deletes anything. {@code +OK} only when the
 * office server confirmed.
 */
final class QuitHandler implements CommandHandler<POP3Session> {

  @Override
  public Response onCommand(POP3Session session, Request request) {
    if (session.getHandlerState() != POP3Session.TRANSACTION
        || !(session.getUserMailbox() instanceof ProxyMailbox mailbox)) {
      return Pop3Replies.SIGN_OFF;
    }
    List<String> deleted =
        session.getAttachment(POP3Session.DELETED_UID_LIST, State.Transaction).orElse(List.of());
    try {
      mailbox.commit(List.copyOf(deleted));
      return Pop3Replies.SIGN_OFF;
    } catch (IOException e) {
      return Pop3Replies.NOT_COMMITTED;
    }
  }

  @Override
  public Collection<String> getImplCommands() {
    return Set.of("QUIT");
  }
}
