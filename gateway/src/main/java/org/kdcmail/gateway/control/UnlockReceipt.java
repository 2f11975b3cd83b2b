package org.kdcmail.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.gateway.keys.KeyCachePolicy;

/**
 * The gateway's answer to a successful {@code POST /unlock}.
 *
 * @param user who is now unlocked
 * @param unlockedAt when the gateway took the key
 * @param expiresAt when the key is dropped unless used; empty under the per-message policy
 * @param policy the gateway's key-cache policy
 */
public record UnlockReceipt(
    String user, Instant unlockedAt, Optional<Instant> expiresAt, KeyCachePolicy policy) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public UnlockReceipt {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(unlockedAt, "unlockedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(policy, "policy");
  }

  /** As JSON. */
  public byte[] encode() {
    ObjectNode o = JSON.createObjectNode();
    o.put("user", user);
    o.put("unlockedAt", unlockedAt.toString());
    expiresAt.ifPresent(e -> o.put("expiresAt", e.toString()));
    o.set("policy", PolicyJson.write(policy));
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to memory", e);
    }
  }

  /**
   * Reads the gateway's answer.
   *
   * @throws IOException if it is not one
   */
  public static UnlockReceipt decode(byte[] body) throws IOException {
    try {
      JsonNode o = JSON.readTree(body);
      return new UnlockReceipt(
          o.get("user").asText(),
          Instant.parse(o.get("unlockedAt").asText()),
          o.has("expiresAt")
              ? Optional.of(Instant.parse(o.get("expiresAt").asText()))
              : Optional.empty(),
          PolicyJson.read(o.get("policy")));
    } catch (RuntimeException e) {
      throw new IOException("the gateway's unlock answer is not understood: " + e, e);
    }
  }
}
