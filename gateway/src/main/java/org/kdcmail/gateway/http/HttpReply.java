package org.kdcmail.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.kdcmail.gateway.control.ControlChannel;

/**
 * What an endpoint answers: status, content type and body.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body bytes (not copied)
 */
record HttpReply(int status, String contentType, byte[] body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  HttpReply {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** 200 with a JSON body. */
  static HttpReply json(byte[] body) {
    return new HttpReply(200, ControlChannel.JSON, body);
  }

  /** {@code status} with a JSON body. */
  static HttpReply json(int status, ObjectNode body) {
    return new HttpReply(
        status, ControlChannel.JSON, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code status} with {@code {"error": message}}; the message must hold no secret. */
  static HttpReply error(int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", message);
    return json(status, o);
  }

  /** 200 with a text body of {@code contentType}. */
  static HttpReply text(String contentType, String body) {
    return new HttpReply(200, contentType, body.getBytes(StandardCharsets.UTF_8));
  }
}
