package org.kdcmail.gateway.smtp;

import java.io.IOException;
import java.io.InputStream;

/** The original message as the client sent it, readable as often as needed. */
@FunctionalInterface
interface MessageSource {
  /** A new stream over the whole message, from its first byte. */
  InputStream open() throws IOException;
}
