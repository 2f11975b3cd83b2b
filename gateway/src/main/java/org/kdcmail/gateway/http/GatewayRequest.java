package org.kdcmail.gateway.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.kdcmail.gateway.control.UnlockToken;

/** The parts of an HTTP exchange the endpoints read, each bounded. */
final class GatewayRequest {
  private static final String BEARER = "Bearer ";

  private final HttpExchange exchange;

  GatewayRequest(HttpExchange exchange) {
    this.exchange = exchange;
  }

  /** The caller's address. */
  InetAddress remote() {
    return exchange.getRemoteAddress().getAddress();
  }

  /** The address the caller reached, as it reached it. */
  InetSocketAddress local() {
    return exchange.getLocalAddress();
  }

  /** The first value of a query parameter, URL-decoded. */
  Optional<String> query(String name) {
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return Optional.empty();
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(key).equals(name)) {
        return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * The token of an {@code Authorization: Bearer <64 hex>} header; empty if absent or malformed.
   */
  Optional<UnlockToken> bearerToken() {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    try {
      return Optional.of(UnlockToken.parse(header.substring(BEARER.length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The whole body, which the caller zeroizes when done.
   *
   * @throws BodyTooLargeException if it is over {@code maxBytes} (the rest is not read)
   */
  byte[] body(int maxBytes) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && declaredTooLarge(declared, maxBytes)) {
      throw new BodyTooLargeException(maxBytes);
    }
    byte[] buffer = new byte[maxBytes + 1];
    int n = 0;
    try (InputStream in = exchange.getRequestBody()) {
      for (int r; n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0; ) {
        n += r;
      }
    }
    if (n > maxBytes) {
      Arrays.fill(buffer, (byte) 0);
      throw new BodyTooLargeException(maxBytes);
    }
    byte[] body = Arrays.copyOf(buffer, n);
    Arrays.fill(buffer, (byte) 0);
    return body;
  }

  private static boolean declaredTooLarge(String contentLength, int maxBytes) {
    try {
      return Long.parseLong(contentLength.strip()) > maxBytes;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
