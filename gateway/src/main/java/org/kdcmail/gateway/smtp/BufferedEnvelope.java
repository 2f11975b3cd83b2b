package org.kdcmail.gateway.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.MailEnvelope;

/**
 * James' view of one message in transit, with the DATA bytes in a {@link MessageBuffer} (heap up to
 * the memory limit, sealed spool file beyond) instead of James' whole-message byte array.
 */
final class BufferedEnvelope implements MailEnvelope, AutoCloseable {
  private final MaybeSender sender;
  private final List<MailAddress> recipients;
  private final MessageBuffer buffer;
  private final OutputStream output;

  BufferedEnvelope(MaybeSender sender, List<MailAddress> recipients, MessageBuffer buffer) {
    this.sender = sender;
    this.recipients = List.copyOf(recipients);
    this.buffer = buffer;
    this.output = buffer.output();
  }

  @Override
  public long getSize() {
    return buffer.size() == 0 ? -1 : buffer.size();
  }

  @Override
  public List<MailAddress> getRecipients() {
    return recipients;
  }

  @Override
  public MaybeSender getMaybeSender() {
    return sender;
  }

  @Override
  public OutputStream getMessageOutputStream() {
    return output;
  }

  @Override
  public InputStream getMessageInputStream() throws IOException {
    return buffer.open();
  }

  /** The buffered message. */
  MessageBuffer buffer() {
    return buffer;
  }

  @Override
  public void close() throws IOException {
    buffer.close();
  }
}
