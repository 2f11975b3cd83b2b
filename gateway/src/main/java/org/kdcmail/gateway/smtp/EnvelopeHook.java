package org.kdcmail.gateway.smtp;

import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;

/**
 * MAIL and RCPT rules: a login is required first (530), the envelope sender must be the logged-in
 * user, compared case-insensitively (550 5.7.1), and a message has at most the configured number of
 * recipients (452 4.5.3 for the next one).
 */
final class EnvelopeHook implements MailHook, RcptHook {
  private static final HookResult AUTH_REQUIRED =
      HookResult.builder()
          .hookReturnCode(HookReturnCode.deny())
          .smtpReturnCode("530")
          .smtpDescription("5.7.0 Authentication required: log in with AUTH first")
          .build();

  private final int maxRecipients;

  EnvelopeHook(int maxRecipients) {
    this.maxRecipients = maxRecipients;
  }

  @Override
  public HookResult doMail(SMTPSession session, MaybeSender sender) {
    Optional<Credentials> who = credentials(session);
    if (who.isEmpty()) {
      return AUTH_REQUIRED;
    }
    boolean own =
        !sender.isNullSender() && sender.get().asString().equalsIgnoreCase(who.get().user());
    return own
        ? HookResult.DECLINED
        : SmtpReply.notYourAddress("MAIL FROM", who.get().user()).hookResult();
  }

  @Override
  public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
    if (credentials(session).isEmpty()) {
      return AUTH_REQUIRED;
    }
    int count =
        session
            .getAttachment(SMTPSession.RCPT_LIST, ProtocolSession.State.Transaction)
            .map(List::size)
            .orElse(0);
    if (count >= maxRecipients) {
      return HookResult.builder()
          .hookReturnCode(HookReturnCode.denySoft())
          .smtpReturnCode("452")
          .smtpDescription("4.5.3 Too many recipients: at most " + maxRecipients + " per message")
          .build();
    }
    return HookResult.DECLINED;
  }

  private static Optional<Credentials> credentials(SMTPSession session) {
    return session.getAttachment(LoginHook.CREDENTIALS, ProtocolSession.State.Connection);
  }
}
