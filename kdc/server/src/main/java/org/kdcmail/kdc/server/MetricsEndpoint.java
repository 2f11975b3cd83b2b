package org.kdcmail.kdc.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KDC's health and metrics endpoint, on loopback only: {@code GET /metrics} answers the
 * Prometheus text format (requests, latency, key-bank level, health-test state); {@code GET
 * /health} answers 200 with {@code {"status":"UP",...}} while the entropy source is healthy and 503
 * once it has FAILED.
 */
final class MetricsEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts on {@code 127.0.0.1:port} (0 = any free port). */
  static MetricsEndpoint start(
      int port, PrometheusMeterRegistry registry, Supplier<KdcHealth> health) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext(
        "/metrics",
        exchange ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.createContext(
        "/health",
        exchange -> {
          KdcHealth now = health.get();
          respond(exchange, now.up() ? 200 : 503, "application/json", now.toJson());
        });
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "kdcmail-metrics");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.start();
    log.info("health and metrics on http://127.0.0.1:{}/health and /metrics", port(server));
    return new MetricsEndpoint(server, executor);
  }

  int port() {
    return port(server);
  }

  private static int port(HttpServer server) {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
