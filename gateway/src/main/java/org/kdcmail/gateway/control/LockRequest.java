package org.kdcmail.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.kdcmail.plugin.ClientPaths;

/**
 * The body of {@code POST /lock}: {@code {"user": "..."}} for one user, {@code {"all": true}} for
 * everyone.
 *
 * @param user the user to lock, or empty to lock every user
 */
public record LockRequest(Optional<String> user) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public LockRequest {
    user.ifPresent(ClientPaths::folderName);
  }

  /** Locks {@code user}. */
  public static LockRequest one(String user) {
    return new LockRequest(Optional.of(user));
  }

  /** Locks everyone. */
  public static LockRequest all() {
    return new LockRequest(Optional.empty());
  }

  /** The request body as UTF-8 JSON. */
  public byte[] encode() {
    ObjectNode o = JSON.createObjectNode();
    user.ifPresentOrElse(u -> o.put("user", u), () -> o.put("all", true));
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to memory", e);
    }
  }

  /**
   * Reads a request body.
   *
   * @throws IllegalArgumentException if it is neither form
   */
  public static LockRequest decode(byte[] body) {
    JsonNode o;
    try {
      o = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the request is not valid JSON", e);
    }
    if (o != null && o.isObject() && o.size() == 1) {
      if (o.path("user").isTextual()) {
        return one(o.get("user").asText());
      }
      if (o.path("all").isBoolean() && o.get("all").booleanValue()) {
        return all();
      }
    }
    throw new IllegalArgumentException(
        "the request must be {\"user\": \"...\"} or {\"all\": true}");
  }
}
