package org.kdcmail.gateway.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

/** Up when a TCP connection opens within the timeout; the connection is closed at once. */
final class TcpHealthCheck implements HealthCheck {
  private final String name;
  private final String host;
  private final int port;
  private final Duration timeout;

  TcpHealthCheck(String name, String host, int port, Duration timeout) {
    this.name = Objects.requireNonNull(name, "name");
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Result check() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return Result.ok();
    } catch (IOException | IllegalArgumentException e) {
      return Result.down("cannot connect to " + host + ":" + port + " (" + e.getMessage() + ")");
    }
  }

  @Override
  public String toString() {
    return "TcpHealthCheck[" + name + " " + host + ":" + port + "]";
  }
}
