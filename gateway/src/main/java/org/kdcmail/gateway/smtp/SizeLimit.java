package org.kdcmail.gateway.smtp;

import java.io.IOException;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;
import org.apache.james.protocols.smtp.hook.HookResult;

/**
 * James' SIZE extension (announce the limit, refuse a larger SIZE= and stop buffering a message
 * that grows past it: 552), which also frees the buffer of a message it refuses.
 */
final class SizeLimit extends MailSizeEsmtpExtension {
  @Override
  public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
    HookResult r = super.onMessage(session, mail);
    if (r != HookResult.DECLINED && mail instanceof BufferedEnvelope b) {
      try {
        b.close();
      } catch (IOException e) {
        // the buffer's file is left for the start-up sweep
      }
    }
    return r;
  }
}
