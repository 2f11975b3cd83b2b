package org.kdcmail.gateway.http;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Answers 403 to any caller whose address is not a loopback address, before the wrapped endpoint
 * reads anything else of the request. The unlock channel sits behind it even when the gateway
 * listens on every address.
 */
final class LoopbackOnly implements Endpoint {

  /** The refusal's message. */
  static final String REFUSAL =
      "the unlock channel answers callers on this machine (loopback) only";

  private final Endpoint endpoint;

  LoopbackOnly(Endpoint endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /** Whether a caller at {@code remote} may use the unlock channel. */
  static boolean allows(InetAddress remote) {
    return remote != null && remote.isLoopbackAddress();
  }

  @Override
  public HttpReply handle(GatewayRequest request) throws IOException {
    if (!allows(request.remote())) {
      return HttpReply.error(403, REFUSAL);
    }
    return endpoint.handle(request);
  }
}
