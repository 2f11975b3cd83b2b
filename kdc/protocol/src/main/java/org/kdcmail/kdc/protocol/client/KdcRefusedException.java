package org.kdcmail.kdc.protocol.client;

import java.io.IOException;
import java.util.Optional;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionErrorCodes;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;

/**
 * The KDC answered a session-key request or a ticket fetch with an error frame. That is an answer,
 * not an outage: {@link KdcClient} does not fail over to another address after it. The message is
 * the KDC's own (e.g. {@code clock skew 412 s exceeds 300 s}, {@code alice@example.test is
 * disabled}); {@link #reason()} says which refusal it was.
 */
public final class KdcRefusedException extends IOException {

  private final String endpoint;
  private final ErrorFrame error;

  KdcRefusedException(String endpoint, ErrorFrame error, Throwable cause) {
    super(message(error), cause);
    this.endpoint = endpoint;
    this.error = error;
  }

  /**
   * The session refusal, or empty when the code is not in the session range (e.g. a wire error).
   */
  public Optional<SessionError> reason() {
    return SessionErrorCodes.reasonOf(error.code());
  }

  /** The error frame's code. */
  public int code() {
    return error.code();
  }

  /** The error frame as received. */
  public ErrorFrame error() {
    return error;
  }

  /** The KDC that answered, as {@code host:port}. */
  public String endpoint() {
    return endpoint;
  }

  private static String message(ErrorFrame error) {
    if (!error.message().isEmpty()) {
      return error.message();
    }
    return SessionErrorCodes.reasonOf(error.code())
        .map(r -> "the KDC refused the request: " + r.name())
        .orElse("the KDC refused the request: code 0x" + Integer.toHexString(error.code()));
  }
}
