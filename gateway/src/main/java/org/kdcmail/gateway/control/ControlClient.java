package org.kdcmail.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.kdcmail.gateway.GatewayNotRunningException;
import org.kdcmail.kdc.protocol.MasterKey;

/**
 * The {@code kdcmail} command's side of the unlock channel: sends unlock, lock and status requests
 * to a running gateway's HTTP endpoint, each with a bearer token. A gateway listening on a wildcard
 * address is reached on loopback (the channel answers loopback callers only).
 */
public final class ControlClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * The {@code http://} base of the gateway's endpoint at {@code address}; a wildcard address is
   * reached on loopback, where the channel answers.
   */
  public static URI baseUri(InetSocketAddress address) {
    InetAddress host = address.getAddress();
    if (host == null || host.isAnyLocalAddress()) {
      host = InetAddress.getLoopbackAddress();
    }
    String literal = host.getHostAddress();
    return URI.create(
        "http://"
            + (literal.contains(":") ? "[" + literal + "]" : literal)
            + ":"
            + address.getPort());
  }

  private ControlClient(InetSocketAddress address, Duration timeout) {
    this.base = baseUri(address);
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  /** A client for the gateway whose HTTP endpoint is {@code address}. */
  public static ControlClient to(InetSocketAddress address, Duration timeout) {
    return new ControlClient(
        Objects.requireNonNull(address, "address"), Objects.requireNonNull(timeout, "timeout"));
  }

  /** The endpoint this client talks to, e.g. {@code http://127.0.0.1:2180}. */
  public URI base() {
    return base;
  }

  /**
   * Checks that a gateway answers at all ({@code GET /health}; "down" counts as answering).
   *
   * @throws GatewayNotRunningException nothing answers at the address
   */
  public void ping() throws IOException {
    exchange(HttpRequest.newBuilder(base.resolve("/health")).timeout(timeout).GET().build());
  }

  /**
   * Hands {@code key} (a copy; the caller still destroys its own) to the gateway as {@code user}'s.
   *
   * @throws ControlRefusedException wrong or missing token (401), bad request (400), not loopback
   * @throws GatewayNotRunningException nothing answers at the address
   */
  public UnlockReceipt unlock(String user, MasterKey key, UnlockToken token) throws IOException {
    byte[] body = new UnlockRequest(user, key).encode();
    try {
      return UnlockReceipt.decode(send(post(ControlChannel.UNLOCK, body, token)));
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  /** Locks {@code user} (with that user's token); false if the user was not unlocked. */
  public boolean lock(String user, UnlockToken token) throws IOException {
    byte[] answer = send(post(ControlChannel.LOCK, LockRequest.one(user).encode(), token));
    return JSON.readTree(answer).path("locked").asInt() > 0;
  }

  /** Locks every user (with the gateway's control token); returns how many were unlocked. */
  public int lockAll(UnlockToken controlToken) throws IOException {
    byte[] answer = send(post(ControlChannel.LOCK, LockRequest.all().encode(), controlToken));
    return JSON.readTree(answer).path("locked").asInt();
  }

  /** Who is unlocked (with the gateway's control token). */
  public GatewayStatus status(UnlockToken controlToken) throws IOException {
    return GatewayStatus.decode(send(request(ControlChannel.STATUS, controlToken).GET().build()));
  }

  /**
   * Makes a pairing code for {@code user} (with that user's token or the control token): 8 digits,
   * good once for 10 minutes, for the Thunderbird extension's pairing form.
   *
   * @return the code and when it expires
   */
  public PairingCodeReceipt pairingCode(String user, UnlockToken token) throws IOException {
    JsonNode answer = JSON.readTree(send(post(ControlChannel.PAIR_NEW, userBody(user), token)));
    return new PairingCodeReceipt(
        answer.path("user").asText(),
        answer.path("code").asText(),
        java.time.Instant.parse(answer.path("expiresAt").asText()));
  }

  /** Revokes every client paired for {@code user}; returns how many there were. */
  public int unpair(String user, UnlockToken token) throws IOException {
    return JSON.readTree(send(post(ControlChannel.PAIR_REVOKE, userBody(user), token)))
        .path("revoked")
        .asInt();
  }

  private static byte[] userBody(String user) throws IOException {
    return JSON.writeValueAsBytes(JSON.createObjectNode().put("user", user));
  }

  /**
   * A pairing code as the gateway made it.
   *
   * @param user whose prompt the paired client becomes
   * @param code the 8 digits
   * @param expiresAt when it stops working
   */
  public record PairingCodeReceipt(String user, String code, java.time.Instant expiresAt) {
    @Override
    public String toString() {
      return "PairingCodeReceipt[" + user + ", code hidden]";
    }
  }

  private HttpRequest post(String path, byte[] body, UnlockToken token) {
    return request(path, token)
        .header("Content-Type", ControlChannel.JSON)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private HttpRequest.Builder request(String path, UnlockToken token) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token.hex());
  }

  private byte[] send(HttpRequest request) throws IOException {
    HttpResponse<byte[]> response = exchange(request);
    if (response.statusCode() == 200) {
      return response.body();
    }
    throw new ControlRefusedException(response.statusCode(), errorOf(response));
  }

  private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new GatewayNotRunningException(
          "no gateway answers at "
              + base
              + ": start one with kdcmail sandbox or kdcmail gateway serve");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the gateway", e);
    }
  }

  private static String errorOf(HttpResponse<byte[]> response) {
    try {
      String error = JSON.readTree(response.body()).path("error").asText("");
      if (!error.isBlank()) {
        return "the gateway refused: " + error;
      }
    } catch (IOException notJson) {
      // fall through to the bare status
    }
    return "the gateway answered HTTP " + response.statusCode();
  }

  @Override
  public String toString() {
    return "ControlClient[" + base + "]";
  }
}
