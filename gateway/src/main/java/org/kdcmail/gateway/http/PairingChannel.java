package org.kdcmail.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.kdcmail.gateway.control.ControlChannel;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.prompt.Pairing;
import org.kdcmail.gateway.prompt.PairingCode;

/**
 * Pairing endpoints, behind {@link LoopbackOnly}: {@code POST /pair} trades a code for a token (no
 * bearer: the code is the proof); {@code POST /pair/new} and {@code POST /pair/revoke} make a code
 * or revoke a user's paired tokens, with that user's {@code unlock.token} or the control token
 * ({@code kdcmail client-setup --pair/--unpair}).
 */
final class PairingChannel {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String BAD_CODE = "the pairing code is wrong, expired or already used";

  private final Path home;
  private final Pairing pairing;
  private final UnlockToken controlToken;

  PairingChannel(Path home, Pairing pairing, UnlockToken controlToken) {
    this.home = home;
    this.pairing = pairing;
    this.controlToken = controlToken;
  }

  /** {@code POST /pair}. */
  HttpReply pair(GatewayRequest request) throws IOException {
    String code = field(request, "code");
    if (code == null) {
      return HttpReply.error(400, "the request must be {\"code\": \"<8 digits>\"}");
    }
    Optional<Pairing.Paired> paired = pairing.redeem(code.strip());
    if (paired.isEmpty()) {
      return HttpReply.error(403, BAD_CODE);
    }
    try {
      ObjectNode o = JSON.createObjectNode();
      o.put("token", paired.get().token().hex());
      o.put("user", paired.get().user());
      return HttpReply.json(200, o);
    } finally {
      paired.get().token().destroy();
    }
  }

  /** {@code POST /pair/new}. */
  HttpReply newCode(GatewayRequest request) throws IOException {
    String user = field(request, "user");
    if (user == null) {
      return HttpReply.error(400, "the request must be {\"user\": \"...\"}");
    }
    HttpReply refused = refusal(request, user);
    if (refused != null) {
      return refused;
    }
    PairingCode code = pairing.newCode(user);
    ObjectNode o = JSON.createObjectNode();
    o.put("user", code.user());
    o.put("code", code.code());
    o.put("expiresAt", code.expiresAt().toString());
    return HttpReply.json(200, o);
  }

  /** {@code POST /pair/revoke}. */
  HttpReply revoke(GatewayRequest request) throws IOException {
    String user = field(request, "user");
    if (user == null) {
      return HttpReply.error(400, "the request must be {\"user\": \"...\"}");
    }
    HttpReply refused = refusal(request, user);
    if (refused != null) {
      return refused;
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("revoked", pairing.unpair(user));
    return HttpReply.json(200, o);
  }

  private HttpReply refusal(GatewayRequest request, String user) throws IOException {
    Optional<UnlockToken> token = request.bearerToken();
    if (token.isEmpty()) {
      return HttpReply.error(401, UnlockChannel.NO_TOKEN);
    }
    try {
      if (controlToken.matches(token.get())) {
        return null;
      }
      Optional<UnlockToken> expected;
      try {
        expected = TokenFile.forUser(home, user).read();
      } catch (IllegalArgumentException e) {
        return HttpReply.error(400, e.getMessage());
      }
      if (expected.isEmpty()) {
        return HttpReply.error(401, "the token is not the unlock.token of " + user);
      }
      try {
        return expected.get().matches(token.get())
            ? null
            : HttpReply.error(401, "the token is not the unlock.token of " + user);
      } finally {
        expected.get().destroy();
      }
    } finally {
      token.get().destroy();
    }
  }

  private static String field(GatewayRequest request, String name) throws IOException {
    try {
      JsonNode body = JSON.readTree(request.body(ControlChannel.MAX_BODY_BYTES));
      JsonNode v = body == null ? null : body.get(name);
      return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }
}
