package org.kdcmail.gateway.smtp;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message Angus sends byte for byte as {@link CopyWriter} writes it (no MIME re-encoding, no
 * header changes); the envelope sender is set explicitly. {@link #dataStarted()} tells whether the
 * upstream DATA phase was reached, i.e. whether a failure may have left anything behind upstream.
 */
final class StreamedMessage extends SMTPMessage {
  private final CopyWriter writer;
  private volatile boolean dataStarted;

  StreamedMessage(Session session, String envelopeFrom, CopyWriter writer) {
    super(session);
    this.writer = writer;
    setEnvelopeFrom(envelopeFrom);
  }

  @Override
  public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
    dataStarted = true;
    writer.writeTo(os);
  }

  @Override
  public int getSize() {
    return -1;
  }

  boolean dataStarted() {
    return dataStarted;
  }
}
