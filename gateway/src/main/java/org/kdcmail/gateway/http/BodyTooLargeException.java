package org.kdcmail.gateway.http;

import java.io.IOException;

/** A request body was over its endpoint's bound; answered with 413. */
final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  BodyTooLargeException(int maxBytes) {
    super("the request body is over " + maxBytes + " bytes");
  }
}
