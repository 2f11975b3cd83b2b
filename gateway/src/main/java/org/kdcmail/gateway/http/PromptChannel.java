package org.kdcmail.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.kdcmail.gateway.control.ControlChannel;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.keys.UnlockedUser;
import org.kdcmail.gateway.prompt.MkEntryOutcome;
import org.kdcmail.gateway.prompt.PromptRegistry;
import org.kdcmail.gateway.prompt.PromptServices;
import org.kdcmail.gateway.prompt.RecipientReport;

/**
 * The prompts' endpoints (docs/gateway.md, "Prompts and the Thunderbird extension"), behind {@link
 * LoopbackOnly}: {@code /prompt/state}, {@code /prompt/unlock}, {@code /prompt/recipients} and the
 * long poll {@code /prompt/next}, each with a bearer token naming the user ({@link PromptAuth}).
 * Bodies are never logged; MK entries and login passwords are wiped after use.
 */
final class PromptChannel {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest long poll a client may ask for. */
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final PromptServices prompts;
  private final PromptAuth auth;

  PromptChannel(PromptServices prompts) {
    this.prompts = prompts;
    this.auth = new PromptAuth(prompts.home(), prompts.pairing());
  }

  PromptAuth auth() {
    return auth;
  }

  /** {@code GET /prompt/state?user=U}. */
  HttpReply state(GatewayRequest request) throws IOException {
    Optional<String> user = request.query("user");
    if (user.isEmpty() || user.get().isBlank()) {
      return HttpReply.error(400, "name the user: /prompt/state?user=...");
    }
    HttpReply refused = auth.refusal(request, user.get());
    if (refused != null) {
      return refused;
    }
    Optional<UnlockedUser> entry = unlocked(user.get());
    ObjectNode o = JSON.createObjectNode();
    o.put("user", user.get());
    o.put("unlocked", entry.isPresent());
    putInstant(o, "expiresAt", entry.flatMap(UnlockedUser::expiresAt));
    o.put("loginPasswordKnown", prompts.loginPasswords().knows(user.get()));
    return HttpReply.json(200, o);
  }

  /** {@code POST /prompt/unlock}. */
  HttpReply unlock(GatewayRequest request) throws IOException {
    MkEntryBody entry;
    byte[] body = request.body(ControlChannel.MAX_BODY_BYTES);
    try {
      entry = MkEntryBody.decode(body);
    } catch (IllegalArgumentException e) {
      return HttpReply.error(400, e.getMessage());
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    try {
      HttpReply refused = auth.refusal(request, entry.user);
      if (refused != null) {
        return refused;
      }
      MkEntryOutcome outcome =
          prompts.mkEntry().unlock(entry.user, entry.mkId, entry.mkPassword, entry.loginPassword);
      return answer(outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HttpReply.error(503, "the gateway is shutting down");
    } finally {
      entry.clear();
    }
  }

  private static HttpReply answer(MkEntryOutcome outcome) {
    if (outcome instanceof MkEntryOutcome.Unlocked u) {
      ObjectNode o = JSON.createObjectNode();
      o.put("unlocked", true);
      putInstant(o, "expiresAt", u.expiresAt());
      return HttpReply.json(200, o);
    }
    if (outcome instanceof MkEntryOutcome.WrongMasterKey) {
      return HttpReply.error(403, "master key ID or password is wrong");
    }
    if (outcome instanceof MkEntryOutcome.LoginPasswordNeeded) {
      return HttpReply.error(409, "login password needed");
    }
    if (outcome instanceof MkEntryOutcome.WrongLoginPassword) {
      return HttpReply.error(401, "login password is wrong");
    }
    if (outcome instanceof MkEntryOutcome.Throttled t) {
      return HttpReply.error(429, "too many attempts; wait " + t.seconds() + " s");
    }
    return HttpReply.error(404, ((MkEntryOutcome.NoStore) outcome).message());
  }

  /** {@code POST /prompt/recipients}. */
  HttpReply recipients(GatewayRequest request) throws IOException {
    JsonNode body;
    try {
      body = JSON.readTree(request.body(ControlChannel.MAX_BODY_BYTES));
    } catch (IOException e) {
      return HttpReply.error(400, "the request is not valid JSON");
    }
    String sender = body == null ? "" : body.path("sender").asText("");
    JsonNode list = body == null ? null : body.get("recipients");
    if (sender.isBlank() || list == null || !list.isArray()) {
      return HttpReply.error(
          400, "the request must be {\"sender\": \"...\", \"recipients\": [...]}");
    }
    List<String> recipients = new ArrayList<>();
    for (JsonNode r : list) {
      if (!r.isTextual()) {
        return HttpReply.error(400, "recipients must be strings");
      }
      recipients.add(r.asText());
    }
    HttpReply refused = auth.refusal(request, sender);
    if (refused != null) {
      return refused;
    }
    RecipientReport report;
    try {
      report = prompts.recipients().check(sender, recipients);
    } catch (IllegalArgumentException e) {
      return HttpReply.error(400, e.getMessage());
    }
    return HttpReply.json(200, encode(report));
  }

  private static ObjectNode encode(RecipientReport report) {
    ObjectNode o = JSON.createObjectNode();
    o.put("policy", report.policy().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode lines = o.putArray("recipients");
    for (RecipientReport.Line line : report.recipients()) {
      ObjectNode l = lines.addObject();
      l.put("address", line.address());
      if (line.enrolled().isPresent()) {
        l.put("enrolled", line.enrolled().get());
      } else {
        l.putNull("enrolled");
      }
      l.put("action", line.action());
    }
    report.note().ifPresent(n -> o.put("note", n));
    return o;
  }

  /** {@code GET /prompt/next?user=U&wait=S}. */
  HttpReply next(GatewayRequest request) throws IOException {
    Optional<String> user = request.query("user");
    if (user.isEmpty() || user.get().isBlank()) {
      return HttpReply.error(400, "name the user: /prompt/next?user=...&wait=25");
    }
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(request.query("wait").orElse("25")));
    } catch (NumberFormatException e) {
      return HttpReply.error(400, "wait is a number of seconds");
    }
    if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
      return HttpReply.error(400, "wait is 0.." + MAX_WAIT.toSeconds() + " seconds");
    }
    HttpReply refused = auth.refusal(request, user.get());
    if (refused != null) {
      return refused;
    }
    Optional<String> reason;
    try {
      reason = prompts.registry().next(user.get(), clientOf(request), wait);
    } catch (PromptRegistry.TooManyPollsException e) {
      return HttpReply.error(503, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new HttpReply(204, ControlChannel.JSON, new byte[0]);
    }
    if (reason.isEmpty()) {
      return new HttpReply(204, ControlChannel.JSON, new byte[0]);
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("user", user.get());
    o.put("reason", reason.get());
    return HttpReply.json(200, o);
  }

  /** A name for the prompt client: a hash of its token (each token gets each request once). */
  private static String clientOf(GatewayRequest request) {
    UnlockToken token = request.bearerToken().orElseThrow();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(token.hex().getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    } finally {
      token.destroy();
    }
  }

  private Optional<UnlockedUser> unlocked(String user) {
    return prompts.keys().unlocked().stream()
        .filter(u -> u.user().equalsIgnoreCase(user))
        .findFirst();
  }

  private static void putInstant(ObjectNode o, String field, Optional<Instant> t) {
    if (t.isPresent()) {
      o.put(field, t.get().toString());
    } else {
      o.putNull(field);
    }
  }
}
