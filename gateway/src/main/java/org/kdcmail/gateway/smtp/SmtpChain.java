package org.kdcmail.gateway.smtp;

import java.nio.file.Path;
import java.util.List;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandlerResultLogger;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.SMTPProtocolHandlerChain;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineMessageHookHandler;
import org.apache.james.protocols.smtp.core.ExpnCmdHandler;
import org.apache.james.protocols.smtp.core.HeloCmdHandler;
import org.apache.james.protocols.smtp.core.HelpCmdHandler;
import org.apache.james.protocols.smtp.core.MailCmdHandler;
import org.apache.james.protocols.smtp.core.NoopCmdHandler;
import org.apache.james.protocols.smtp.core.QuitCmdHandler;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.core.RsetCmdHandler;
import org.apache.james.protocols.smtp.core.UnknownCmdHandler;
import org.apache.james.protocols.smtp.core.VrfyCmdHandler;
import org.apache.james.protocols.smtp.core.WelcomeMessageHandler;
import org.apache.james.protocols.smtp.core.esmtp.EhloCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.StartTlsCmdHandler;

/**
 * The gateway's SMTP handler chain: James' standard commands, with DATA buffered by {@link
 * SpoolingDataCmdHandler}, without the {@code Received:} header James would add (the reader gets
 * exactly the bytes the client sent; the office server records its own hop from the gateway) and
 * without James' postmaster/abuse shortcut (every recipient goes through the same rules). Hooks, in
 * order: login, envelope rules, size limit, submission.
 */
final class SmtpChain {
  private SmtpChain() {}

  static SMTPProtocolHandlerChain build(
      MetricFactory metrics,
      Path spoolDir,
      int memoryLimit,
      LoginHook login,
      EnvelopeHook envelope,
      SubmissionHook submission)
      throws WiringException {
    SMTPProtocolHandlerChain chain = new SMTPProtocolHandlerChain(metrics, false);
    chain.addAll(
        List.of(
            new CommandDispatcher<SMTPSession>(),
            new ExpnCmdHandler(),
            new EhloCmdHandler(metrics),
            new HeloCmdHandler(metrics),
            new HelpCmdHandler(),
            new MailCmdHandler(metrics),
            new NoopCmdHandler(),
            new QuitCmdHandler(metrics),
            new RcptCmdHandler(metrics),
            new RsetCmdHandler(),
            new VrfyCmdHandler(),
            new SpoolingDataCmdHandler(metrics, spoolDir, memoryLimit),
            new SizeLimit(),
            new WelcomeMessageHandler(),
            new DataLineMessageHookHandler(),
            new StartTlsCmdHandler(),
            new UnknownCmdHandler(metrics),
            new CommandHandlerResultLogger()));
    chain.add(login);
    chain.add(envelope);
    chain.add(submission);
    chain.wireExtensibleHandlers();
    return chain;
  }
}
