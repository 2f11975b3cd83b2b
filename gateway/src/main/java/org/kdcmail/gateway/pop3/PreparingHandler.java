package org.kdcmail.gateway.pop3;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;
import org.kdcmail.gateway.keys.MasterKeyLockedException;

/**
 * Runs before James' LIST, STAT, RETR and TOP: fetches and processes the messages the command
 * reports on (the one named, or every message not deleted), so sizes are the processed sizes, and
 * turns a locked key or a failing office server into a {@code -ERR [SYS/TEMP]} reply instead of a
 * broken answer. Counts RETR and TOP by what the gateway did with the message.
 */
final class PreparingHandler implements CommandHandler<POP3Session>, CapaCapability {
  private final CommandHandler<POP3Session> delegate;
  private final boolean retrieval;
  private final Pop3Metrics metrics;

  /**
   * @param delegate James' handler for the command
   * @param retrieval whether the command hands out a message (RETR, TOP)
   */
  PreparingHandler(CommandHandler<POP3Session> delegate, boolean retrieval, Pop3Metrics metrics) {
    this.delegate = delegate;
    this.retrieval = retrieval;
    this.metrics = metrics;
  }

  @Override
  public Response onCommand(POP3Session session, Request request) {
    if (session.getHandlerState() != POP3Session.TRANSACTION
        || !(session.getUserMailbox() instanceof ProxyMailbox mailbox)) {
      return delegate.onCommand(session, request);
    }
    List<String> uids = targets(session, request.getArgument());
    try {
      mailbox.prepare(uids);
    } catch (MasterKeyLockedException e) {
      return Pop3Replies.keyLocked(e.getMessage());
    } catch (IOException e) {
      return Pop3Replies.upstreamFailed();
    }
    Response response = delegate.onCommand(session, request);
    if (retrieval && uids.size() == 1 && POP3Response.OK_RESPONSE.equals(response.getRetCode())) {
      try {
        metrics.retrieved(mailbox.status(uids.get(0)));
      } catch (IOException e) {
        // prepared above; cannot happen
      }
    }
    return response;
  }

  /** The message named by the first argument, or with none every message not deleted. */
  private static List<String> targets(POP3Session session, String argument) {
    List<MessageMetaData> all =
        session.getAttachment(POP3Session.UID_LIST, State.Transaction).orElse(List.of());
    List<String> deleted =
        session.getAttachment(POP3Session.DELETED_UID_LIST, State.Transaction).orElse(List.of());
    if (argument == null || argument.isBlank()) {
      return all.stream().map(MessageMetaData::getUid).filter(u -> !deleted.contains(u)).toList();
    }
    try {
      int n = Integer.parseInt(argument.trim().split("\\s+")[0]);
      if (n >= 1 && n <= all.size() && !deleted.contains(all.get(n - 1).getUid())) {
        return List.of(all.get(n - 1).getUid());
      }
    } catch (NumberFormatException e) {
      // James' handler answers the syntax error
    }
    return List.of();
  }

  @Override
  public Collection<String> getImplCommands() {
    return delegate.getImplCommands();
  }

  /** The delegate's capabilities (TOP). */
  @Override
  public Set<String> getImplementedCapabilities(POP3Session session) {
    return delegate instanceof CapaCapability c ? c.getImplementedCapabilities(session) : Set.of();
  }
}
