package org.kdcmail.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.kdcmail.gateway.keys.KeyCachePolicy;

/** {@link KeyCachePolicy} as the unlock channel writes it: {@code {"perMessage": false, ...}}. */
final class PolicyJson {
  private PolicyJson() {}

  static ObjectNode write(KeyCachePolicy policy) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("perMessage", policy.perMessage());
    o.put("idleTimeoutSeconds", policy.idleTimeout().toSeconds());
    return o;
  }

  static KeyCachePolicy read(JsonNode o) {
    return new KeyCachePolicy(
        Duration.ofSeconds(o.path("idleTimeoutSeconds").asLong()),
        o.path("perMessage").asBoolean());
  }
}
