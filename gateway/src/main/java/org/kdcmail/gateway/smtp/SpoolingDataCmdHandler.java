package org.kdcmail.gateway.smtp;

import java.nio.file.Path;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.core.DataCmdHandler;

/**
 * James' DATA command with the message kept in a {@link BufferedEnvelope}: large messages stream to
 * a sealed spool file rather than sitting whole in the heap (stack.md, "James SMTP message
 * buffering").
 */
final class SpoolingDataCmdHandler extends DataCmdHandler {
  private final Path spoolDir;
  private final int memoryLimit;

  SpoolingDataCmdHandler(MetricFactory metrics, Path spoolDir, int memoryLimit) {
    super(metrics);
    this.spoolDir = spoolDir;
    this.memoryLimit = memoryLimit;
  }

  @Override
  protected MailEnvelope createEnvelope(MaybeSender sender, List<MailAddress> recipients) {
    return new BufferedEnvelope(sender, recipients, new MessageBuffer(spoolDir, memoryLimit));
  }
}
