package org.kdcmail.plugin.enroll;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.kdcmail.kdc.protocol.client.KdcConnection;

/**
 * A KDC's address as the user types it: {@code HOST:PORT}, {@code [IPv6]:PORT}, or {@code HOST}
 * alone for the default port {@value KdcConnection#DEFAULT_PORT}. Resolved by {@link
 * #toSocketAddress()}.
 *
 * @param host a host name or IP literal (IPv6 without brackets)
 * @param port 1..65535
 */
public record KdcAddress(String host, int port) {

  /** {@code 127.0.0.1:7750}, where the KDC listens unless configured otherwise. */
  public static final KdcAddress DEFAULT = new KdcAddress("127.0.0.1", KdcConnection.DEFAULT_PORT);

  public KdcAddress {
    Objects.requireNonNull(host, "host");
    if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
      throw new IllegalArgumentException("the KDC host must be a name or an IP address");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the KDC port must be in 1..65535, got " + port);
    }
  }

  /**
   * Parses {@code HOST:PORT}, {@code [V6]:PORT}, {@code HOST} or {@code [V6]}.
   *
   * @throws IllegalArgumentException with a message naming the expected form
   */
  public static KdcAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || (close + 1 < s.length() && s.charAt(close + 1) != ':')) {
        throw invalid(text);
      }
      host = s.substring(1, close);
      port = close + 1 < s.length() ? s.substring(close + 2) : null;
    } else {
      int colon = s.lastIndexOf(':');
      if (colon >= 0 && s.indexOf(':') != colon) {
        throw invalid(text); // a bare IPv6 literal: brackets are needed
      }
      host = colon < 0 ? s : s.substring(0, colon);
      port = colon < 0 ? null : s.substring(colon + 1);
    }
    try {
      return new KdcAddress(host, port == null ? KdcConnection.DEFAULT_PORT : parsePort(port));
    } catch (IllegalArgumentException e) {
      throw invalid(text);
    }
  }

  /** The socket address, resolving the host now (an unknown host fails on connect). */
  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(host, port);
  }

  /** {@code host:port}, with brackets around an IPv6 literal. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static int parsePort(String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("port");
    }
    return Integer.parseInt(port);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "the KDC address must be HOST:PORT (e.g. 127.0.0.1:7750 or [::1]:7750), got '"
            + text.strip()
            + "'");
  }
}
