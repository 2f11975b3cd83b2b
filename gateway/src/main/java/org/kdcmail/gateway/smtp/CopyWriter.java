package org.kdcmail.gateway.smtp;

import java.io.IOException;
import java.io.OutputStream;

/** Writes one outgoing copy of a message (wrapped, or plaintext with a warning) to a stream. */
@FunctionalInterface
interface CopyWriter {
  void writeTo(OutputStream out) throws IOException;
}
