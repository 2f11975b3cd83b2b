package org.kdcmail.kdc.protocol.client;

import java.io.IOException;
import java.util.Optional;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.WireError;

/** The KDC answered with an {@link ErrorFrame}; the connection is closed. */
public final class KdcErrorException extends IOException {

  private final ErrorFrame error;

  KdcErrorException(String endpoint, ErrorFrame error) {
    super(
        "KDC at "
            + endpoint
            + " refused the request: "
            + error
                .wireError()
                .map(Enum::name)
                .orElse("code 0x" + Integer.toHexString(error.code()))
            + (error.message().isEmpty() ? "" : " (" + error.message() + ")"));
    this.error = error;
  }

  /** The error frame as received. */
  public ErrorFrame error() {
    return error;
  }

  /** The numeric code. */
  public int code() {
    return error.code();
  }

  /** The transport error, or empty for an application code. */
  public Optional<WireError> wireError() {
    return error.wireError();
  }
}
