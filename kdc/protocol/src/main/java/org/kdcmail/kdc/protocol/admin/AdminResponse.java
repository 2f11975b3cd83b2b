package org.kdcmail.kdc.protocol.admin;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;

/**
 * The payload of an {@link FrameType#ADMIN_RESPONSE} frame: one status byte ({@link
 * AdminStatus#code()}) followed by the body (UTF-8 text or JSON, the rest of the payload).
 *
 * @param status the outcome
 * @param body the body bytes (copied)
 */
public record AdminResponse(AdminStatus status, byte[] body) {

  public AdminResponse {
    Objects.requireNonNull(status, "status");
    body = body.clone();
  }

  /** A response with a UTF-8 text body. */
  public static AdminResponse of(AdminStatus status, String text) {
    return new AdminResponse(status, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The payload bytes. */
  public byte[] encode() {
    byte[] out = new byte[1 + body.length];
    out[0] = (byte) status.code();
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** This response as an {@link FrameType#ADMIN_RESPONSE} frame. */
  public Frame toFrame() {
    return new Frame(FrameType.ADMIN_RESPONSE, encode());
  }

  /**
   * Parses an {@link FrameType#ADMIN_RESPONSE} payload.
   *
   * @throws IllegalArgumentException if the payload is empty or the status unknown
   */
  public static AdminResponse decode(byte[] payload) {
    if (payload.length == 0) {
      throw new IllegalArgumentException("empty admin response");
    }
    AdminStatus status =
        AdminStatus.fromCode(payload[0] & 0xFF)
            .orElseThrow(() -> new IllegalArgumentException("unknown admin status"));
    return new AdminResponse(status, Arrays.copyOfRange(payload, 1, payload.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdminResponse r && status == r.status && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return 31 * status.hashCode() + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "AdminResponse[status=" + status + ", bodyBytes=" + body.length + "]";
  }
}
