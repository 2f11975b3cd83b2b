package org.kdcmail.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kdcmail.gateway.control.ControlChannel;
import org.kdcmail.gateway.control.GatewayStatus;
import org.kdcmail.gateway.control.LockRequest;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockReceipt;
import org.kdcmail.gateway.control.UnlockRequest;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.keys.UnlockedUser;
import org.kdcmail.gateway.prompt.PromptServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unlock channel's three endpoints (behind {@link LoopbackOnly}). {@code /unlock} needs the
 * named user's token, read from {@code HOME/users/<user>/unlock.token} at each request; {@code
 * /lock} that user's token or the control token; {@code /status} and lock-all the control token.
 * Tokens are compared in constant time; neither tokens, keys nor bodies are logged.
 */
final class UnlockChannel {
  private static final Logger LOG = LoggerFactory.getLogger(UnlockChannel.class);

  static final String NO_TOKEN = "missing Authorization: Bearer <token> header";
  static final String WRONG_CONTROL_TOKEN =
      "the token is not the gateway's control token (HOME/gateway/control.token)";

  private final Path home;
  private final UnlockedKeys keys;
  private final PromptServices prompts;
  private final UnlockToken controlToken;
  private final Set<String> localDomains;
  private final boolean loopbackOnly;
  private final String tlsFingerprint;
  private final Clock clock;

  UnlockChannel(
      Path home,
      PromptServices prompts,
      UnlockToken controlToken,
      Set<String> localDomains,
      boolean loopbackOnly,
      String tlsFingerprint,
      Clock clock) {
    this.home = Objects.requireNonNull(home, "home");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
    this.keys = prompts.keys();
    this.controlToken = Objects.requireNonNull(controlToken, "controlToken");
    this.localDomains = Set.copyOf(localDomains);
    this.loopbackOnly = loopbackOnly;
    this.tlsFingerprint = Objects.requireNonNull(tlsFingerprint, "tlsFingerprint");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code POST /unlock}. */
  HttpReply unlock(GatewayRequest request) throws IOException {
    Optional<UnlockToken> token = request.bearerToken();
    if (token.isEmpty()) {
      return HttpReply.error(401, NO_TOKEN);
    }
    UnlockRequest unlock;
    byte[] body = request.body(ControlChannel.MAX_BODY_BYTES);
    try {
      unlock = UnlockRequest.decode(body);
    } catch (IllegalArgumentException e) {
      return HttpReply.error(400, e.getMessage());
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    if (!isUsersToken(unlock.user(), token.get())) {
      unlock.masterKey().destroy();
      return HttpReply.error(401, wrongUserToken(unlock.user()));
    }
    keys.unlock(unlock.user(), unlock.masterKey());
    UnlockedUser entry =
        keys.unlocked().stream()
            .filter(u -> u.user().equals(unlock.user()))
            .findFirst()
            .orElseGet(() -> usedAtOnce(unlock.user())); // per-message: a message took it already
    return HttpReply.json(
        new UnlockReceipt(entry.user(), entry.unlockedAt(), entry.expiresAt(), keys.policy())
            .encode());
  }

  /** {@code POST /lock}. */
  HttpReply lock(GatewayRequest request) throws IOException {
    Optional<UnlockToken> token = request.bearerToken();
    if (token.isEmpty()) {
      return HttpReply.error(401, NO_TOKEN);
    }
    LockRequest lock;
    try {
      lock = LockRequest.decode(request.body(ControlChannel.MAX_BODY_BYTES));
    } catch (IllegalArgumentException e) {
      return HttpReply.error(400, e.getMessage());
    }
    int locked;
    if (lock.user().isPresent()) {
      String user = lock.user().get();
      if (!controlToken.matches(token.get()) && !isUsersToken(user, token.get())) {
        return HttpReply.error(401, wrongUserToken(user));
      }
      locked = prompts.lock(user) ? 1 : 0;
    } else {
      if (!controlToken.matches(token.get())) {
        return HttpReply.error(401, WRONG_CONTROL_TOKEN);
      }
      locked = prompts.lockAll();
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("locked", locked);
    return HttpReply.json(200, o);
  }

  /** {@code GET /status}. */
  HttpReply status(GatewayRequest request) {
    Optional<UnlockToken> token = request.bearerToken();
    if (token.isEmpty()) {
      return HttpReply.error(401, NO_TOKEN);
    }
    if (!controlToken.matches(token.get())) {
      return HttpReply.error(401, WRONG_CONTROL_TOKEN);
    }
    return HttpReply.json(
        new GatewayStatus(
                clock.instant(),
                keys.policy(),
                keys.unlocked(),
                localDomains,
                loopbackOnly,
                tlsFingerprint)
            .encode());
  }

  private UnlockedUser usedAtOnce(String user) {
    return new UnlockedUser(user, clock.instant(), clock.instant(), Optional.empty());
  }

  private boolean isUsersToken(String user, UnlockToken presented) {
    Optional<UnlockToken> expected;
    try {
      expected = TokenFile.forUser(home, user).read();
    } catch (IOException e) {
      LOG.warn("cannot use the unlock token file of {}: {}", user, e.getMessage());
      return false;
    }
    if (expected.isEmpty()) {
      return false;
    }
    try {
      return expected.get().matches(presented);
    } finally {
      expected.get().destroy();
    }
  }

  private static String wrongUserToken(String user) {
    return "the token does not match the unlock.token of "
        + user
        + " in the gateway's kdcmail home (do the command and the gateway use the same home?)";
  }
}
