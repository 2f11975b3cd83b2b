package org.kdcmail.gateway.smtp;

import java.io.IOException;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** At the end of DATA: hands the message to the {@link Submitter} and frees its buffer. */
final class SubmissionHook implements MessageHook {
  private static final Logger LOG = LoggerFactory.getLogger(SubmissionHook.class);

  private final Submitter submitter;

  SubmissionHook(Submitter submitter) {
    this.submitter = submitter;
  }

  @Override
  public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
    BufferedEnvelope envelope = (BufferedEnvelope) mail;
    try {
      Credentials who =
          session
              .getAttachment(LoginHook.CREDENTIALS, ProtocolSession.State.Connection)
              .orElseThrow(() -> new IllegalStateException("DATA without a login"));
      List<String> recipients =
          envelope.getRecipients().stream().map(MailAddress::asString).toList();
      return submitter.submit(who, recipients, envelope.buffer()::open).hookResult();
    } finally {
      try {
        envelope.close();
      } catch (IOException e) {
        LOG.warn("could not delete a message buffer: {}", e.toString());
      }
    }
  }
}
