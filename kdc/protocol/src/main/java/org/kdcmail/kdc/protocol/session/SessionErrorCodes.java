package org.kdcmail.kdc.protocol.session;

import java.util.Arrays;
import java.util.Optional;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.WireError;

/**
 * How a refused session-key request travels: an error frame whose code is {@link #BASE} ({@code
 * 0x0200}, i.e. {@link WireError#FIRST_APPLICATION_CODE} {@code + 0x100}) plus the reason code.
 */
public final class SessionErrorCodes {

  /** First code of the session range {@code 0x0200..0x02FF}. */
  public static final int BASE = WireError.FIRST_APPLICATION_CODE + 0x100;

  private SessionErrorCodes() {}

  /** The error-frame code for {@code reason}. */
  public static int wireCode(SessionError reason) {
    return BASE + reason.code();
  }

  /** The reason behind an error-frame code, if it is a session code. */
  public static Optional<SessionError> reasonOf(int wireCode) {
    return Arrays.stream(SessionError.values()).filter(r -> wireCode(r) == wireCode).findFirst();
  }

  /** The error frame for {@code reason} with an operator message (printable ASCII, no secrets). */
  public static ErrorFrame frame(SessionError reason, String message) {
    return new ErrorFrame(wireCode(reason), message);
  }
}
