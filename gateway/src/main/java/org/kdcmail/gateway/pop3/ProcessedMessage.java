package org.kdcmail.gateway.pop3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Objects;

/**
 * One message as the gateway hands it to the client: its {@code X-Kdcmail-*} fields, then the
 * (decrypted or original) message with outside {@code X-Kdcmail-*} fields removed and CRLF line
 * ends. Held for the session; {@link #size()} is exactly the byte count of {@link #open()}.
 */
final class ProcessedMessage implements AutoCloseable {
  private final MessageStatus status;
  private final byte[] statusHeaders;
  private final SealedSpool body;

  ProcessedMessage(MessageStatus status, byte[] statusHeaders, SealedSpool body) {
    this.status = Objects.requireNonNull(status, "status");
    this.statusHeaders = statusHeaders.clone();
    this.body = Objects.requireNonNull(body, "body");
  }

  MessageStatus status() {
    return status;
  }

  /** Octets the client receives (after dot-unstuffing). */
  long size() {
    return statusHeaders.length + body.size();
  }

  /** Bytes of this message held on the heap. */
  int memoryBytes() {
    return statusHeaders.length + body.memoryBytes();
  }

  /** A fresh stream over the whole message. */
  InputStream open() throws IOException {
    return new SequenceInputStream(new ByteArrayInputStream(statusHeaders), body.open());
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
