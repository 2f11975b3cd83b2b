package org.kdcmail.gateway.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one path with one method: anything else on the path is 404 or 405, a too-large body 413, a
 * failure a generic 500 (logged by exception class only: request bodies may hold keys). Counts
 * every answer as {@code kdcmail.gateway.http.requests{path,status}}.
 */
final class Route implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Route.class);

  private final String method;
  private final String path;
  private final Endpoint endpoint;
  private final MeterRegistry registry;

  Route(String method, String path, Endpoint endpoint, MeterRegistry registry) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpReply reply = answer(exchange);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (reply.status() == 405) {
        exchange.getResponseHeaders().set("Allow", method);
      }
      // Counted before the answer leaves, so a client's next request already sees it.
      registry
          .counter("kdcmail.gateway.http.requests", "path", path, "status", "" + reply.status())
          .increment();
      int length = reply.body().length;
      exchange.sendResponseHeaders(reply.status(), length == 0 ? -1 : length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }

  private HttpReply answer(HttpExchange exchange) {
    if (!path.equals(exchange.getRequestURI().getPath())) {
      return HttpReply.error(404, "no such path");
    }
    if (!method.equals(exchange.getRequestMethod())) {
      return HttpReply.error(405, path + " answers " + method + " only");
    }
    try {
      return endpoint.handle(new GatewayRequest(exchange));
    } catch (BodyTooLargeException e) {
      return HttpReply.error(413, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} {} failed: {}", method, path, e.getClass().getName());
      return HttpReply.error(500, "the gateway failed to answer; see its log");
    }
  }
}
