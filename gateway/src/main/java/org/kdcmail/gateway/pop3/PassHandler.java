package org.kdcmail.gateway.pop3;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.kdcmail.gateway.prompt.LoginPasswords;

/**
 * PASS: opens the session's mailbox through {@link MailboxOpener} and answers with what happened —
 * {@code +OK}, {@code -ERR [AUTH]} for credentials the office server refused, {@code -ERR
 * [SYS/TEMP]} for a locked master key or an unavailable office server. A password the office server
 * accepted is remembered in {@link LoginPasswords} (for unlocking from an MK entry); it is never
 * logged.
 */
final class PassHandler implements CommandHandler<POP3Session> {
  private final UserHandler user;
  private final MailboxOpener opener;
  private final Pop3Metrics metrics;
  private final LoginPasswords passwords;

  PassHandler(
      UserHandler user, MailboxOpener opener, Pop3Metrics metrics, LoginPasswords passwords) {
    this.user = user;
    this.opener = opener;
    this.metrics = metrics;
    this.passwords = passwords;
  }

  @Override
  public Response onCommand(POP3Session session, Request request) {
    String login = session.getAttachment(UserHandler.LOGIN, State.Connection).orElse(null);
    if (session.getHandlerState() != POP3Session.AUTHENTICATION_USERSET
        || login == null
        || request.getArgument() == null) {
      session.setHandlerState(POP3Session.AUTHENTICATION_READY);
      return Pop3Replies.BAD_SEQUENCE;
    }
    if (!user.allowed(session)) {
      return Pop3Replies.TLS_REQUIRED;
    }
    session.setHandlerState(POP3Session.AUTHENTICATION_READY);
    MailboxOpener.Outcome outcome = opener.open(login, request.getArgument());
    if (outcome instanceof MailboxOpener.Opened || outcome instanceof MailboxOpener.KeyLocked) {
      passwords.remember(login, request.getArgument()); // the office server accepted it
    }
    if (outcome instanceof MailboxOpener.Opened opened) {
      ProxyMailbox mailbox = opened.mailbox();
      session.setUserMailbox(mailbox);
      session.setAttachment(POP3Session.UID_LIST, mailbox.getMessages(), State.Transaction);
      session.setAttachment(POP3Session.DELETED_UID_LIST, new ArrayList<>(), State.Transaction);
      session.setHandlerState(POP3Session.TRANSACTION);
      metrics.login(Pop3Metrics.Login.OK);
      return new POP3Response(
          POP3Response.OK_RESPONSE, login + " has " + mailbox.getMessages().size() + " messages");
    }
    if (outcome instanceof MailboxOpener.KeyLocked locked) {
      metrics.login(Pop3Metrics.Login.KEY_LOCKED);
      return Pop3Replies.keyLocked(locked.message());
    }
    if (outcome instanceof MailboxOpener.BadCredentials) {
      metrics.login(Pop3Metrics.Login.BAD_CREDENTIALS);
      return Pop3Replies.AUTHENTICATION_FAILED;
    }
    metrics.login(Pop3Metrics.Login.UPSTREAM_UNAVAILABLE);
    return Pop3Replies.UPSTREAM_UNAVAILABLE;
  }

  @Override
  public Collection<String> getImplCommands() {
    return Set.of("PASS");
  }
}
