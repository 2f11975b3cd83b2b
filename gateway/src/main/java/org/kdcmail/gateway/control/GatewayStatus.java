package org.kdcmail.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kdcmail.gateway.keys.KeyCachePolicy;
import org.kdcmail.gateway.keys.UnlockedUser;

/**
 * The answer to {@code GET /status}: who is unlocked, the policy, and what mail clients need to
 * know about the gateway.
 *
 * @param now the gateway's clock when it answered
 * @param policy how long keys are kept
 * @param users the unlocked users, sorted
 * @param localDomains the office's mail domains
 * @param loopbackOnly whether the gateway listens on loopback only (clients may skip STARTTLS)
 * @param tlsFingerprint SHA-256 of the gateway's STARTTLS certificate, for users to compare
 */
public record GatewayStatus(
    Instant now,
    KeyCachePolicy policy,
    List<UnlockedUser> users,
    Set<String> localDomains,
    boolean loopbackOnly,
    String tlsFingerprint) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public GatewayStatus {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(policy, "policy");
    users = List.copyOf(users);
    localDomains = Set.copyOf(new LinkedHashSet<>(localDomains));
    Objects.requireNonNull(tlsFingerprint, "tlsFingerprint");
  }

  /** How long {@code user}'s key has left at {@link #now()}; empty under the per-message policy. */
  public Optional<Duration> timeLeft(UnlockedUser user) {
    return user.expiresAt().map(e -> e.isAfter(now) ? Duration.between(now, e) : Duration.ZERO);
  }

  /** As JSON; each user also carries {@code secondsLeft} when the key expires. */
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("now", now.toString());
    o.set("policy", PolicyJson.write(policy));
    ArrayNode list = o.putArray("users");
    for (UnlockedUser u : users) {
      ObjectNode e = list.addObject();
      e.put("user", u.user());
      e.put("unlockedAt", u.unlockedAt().toString());
      e.put("lastUsedAt", u.lastUsedAt().toString());
      u.expiresAt().ifPresent(x -> e.put("expiresAt", x.toString()));
      timeLeft(u).ifPresent(d -> e.put("secondsLeft", d.toSeconds()));
    }
    ArrayNode domains = o.putArray("localDomains");
    localDomains.stream().sorted().forEach(domains::add);
    o.put("loopbackOnly", loopbackOnly);
    o.put("tlsFingerprint", tlsFingerprint);
    return o;
  }

  /** {@link #toJson()} as bytes. */
  public byte[] encode() {
    try {
      return JSON.writeValueAsBytes(toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to memory", e);
    }
  }

  /**
   * Reads the gateway's answer.
   *
   * @throws IOException if it is not one
   */
  public static GatewayStatus decode(byte[] body) throws IOException {
    try {
      JsonNode o = JSON.readTree(body);
      List<UnlockedUser> users = new ArrayList<>();
      for (JsonNode e : o.get("users")) {
        users.add(
            new UnlockedUser(
                e.get("user").asText(),
                Instant.parse(e.get("unlockedAt").asText()),
                Instant.parse(e.get("lastUsedAt").asText()),
                e.has("expiresAt")
                    ? Optional.of(Instant.parse(e.get("expiresAt").asText()))
                    : Optional.empty()));
      }
      Set<String> domains = new LinkedHashSet<>();
      o.get("localDomains").forEach(d -> domains.add(d.asText()));
      return new GatewayStatus(
          Instant.parse(o.get("now").asText()),
          PolicyJson.read(o.get("policy")),
          users,
          domains,
          o.get("loopbackOnly").asBoolean(),
          o.get("tlsFingerprint").asText());
    } catch (RuntimeException e) {
      throw new IOException("the gateway's status answer is not understood: " + e, e);
    }
  }
}
