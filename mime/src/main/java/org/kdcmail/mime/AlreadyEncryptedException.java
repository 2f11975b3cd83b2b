package org.kdcmail.mime;

import java.io.IOException;

/** Thrown by {@link MailWrapper#wrap} for a message that already is a kdcmail message. */
public final class AlreadyEncryptedException extends IOException {
  private static final long serialVersionUID = 1L;

  AlreadyEncryptedException() {
    super("the message already is a kdcmail message; it is not wrapped twice");
  }
}
