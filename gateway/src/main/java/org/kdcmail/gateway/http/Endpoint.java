package org.kdcmail.gateway.http;

import java.io.IOException;

/** One handler of the gateway's HTTP endpoint: a request in, a reply value out. */
@FunctionalInterface
interface Endpoint {

  /**
   * Answers {@code request}.
   *
   * @throws BodyTooLargeException the body is over the endpoint's bound (413)
   * @throws IOException the exchange failed (500)
   */
  HttpReply handle(GatewayRequest request) throws IOException;
}
