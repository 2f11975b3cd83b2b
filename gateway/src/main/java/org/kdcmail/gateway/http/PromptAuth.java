package org.kdcmail.gateway.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.prompt.Pairing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which user a prompt's bearer token names: a token paired through {@code /pair}, or a user's own
 * {@code unlock.token} (the desktop app reads it). Compared in constant time; never logged.
 */
final class PromptAuth {
  private static final Logger LOG = LoggerFactory.getLogger(PromptAuth.class);

  static final String NOT_YOURS = "this token is for another user";
  static final String UNKNOWN_TOKEN =
      "the token is neither paired (kdcmail client-setup --pair) nor a user's unlock.token";

  private final Path home;
  private final Pairing pairing;

  PromptAuth(Path home, Pairing pairing) {
    this.home = home.toAbsolutePath().normalize();
    this.pairing = pairing;
  }

  /**
   * Null when the request's token names {@code user}; otherwise the refusal: 401 without a token or
   * with one nobody holds, 403 for another user's token.
   */
  HttpReply refusal(GatewayRequest request, String user) throws IOException {
    Optional<UnlockToken> token = request.bearerToken();
    if (token.isEmpty()) {
      return HttpReply.error(401, UnlockChannel.NO_TOKEN);
    }
    try {
      Optional<String> owner = ownerOf(user, token.get());
      if (owner.isEmpty()) {
        return HttpReply.error(401, UNKNOWN_TOKEN);
      }
      return owner.get().equalsIgnoreCase(user) ? null : HttpReply.error(403, NOT_YOURS);
    } finally {
      token.get().destroy();
    }
  }

  /** The user {@code token} names, trying {@code likely}'s token file first. */
  Optional<String> ownerOf(String likely, UnlockToken token) throws IOException {
    Optional<String> paired = pairing.userOf(token);
    if (paired.isPresent()) {
      return paired;
    }
    if (holds(likely, token)) {
      return Optional.of(likely);
    }
    Path users = home.resolve("users");
    if (!Files.isDirectory(users)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(users)) {
      for (Path folder : folders) {
        String user = folder.getFileName().toString();
        if (!user.equals(likely) && holds(user, token)) {
          return Optional.of(user);
        }
      }
    }
    return Optional.empty();
  }

  private boolean holds(String user, UnlockToken token) {
    Optional<UnlockToken> expected;
    try {
      expected = TokenFile.forUser(home, user).read();
    } catch (IOException | IllegalArgumentException e) {
      LOG.debug("unlock token of {} not usable: {}", user, e.getMessage());
      return false;
    }
    if (expected.isEmpty()) {
      return false;
    }
    try {
      return expected.get().matches(token);
    } finally {
      expected.get().destroy();
    }
  }
}
