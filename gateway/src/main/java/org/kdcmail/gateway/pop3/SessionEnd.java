package org.kdcmail.gateway.pop3;

import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * A client connection that ends without QUIT (dropped, timed out, gateway stopping) closes its
 * upstream session without QUIT: nothing the client marked is deleted, and the cached messages are
 * dropped.
 */
final class SessionEnd implements DisconnectHandler<POP3Session> {
  @Override
  public void onDisconnect(POP3Session session) {
    if (session != null && session.getUserMailbox() instanceof ProxyMailbox mailbox) {
      mailbox.close();
    }
  }
}
