package org.kdcmail.gateway.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.secrets.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairs prompt clients that cannot read a user's token file (the Thunderbird extension) with the
 * gateway. {@link #newCode} makes an 8-digit code, good once for {@link #CODE_LIFETIME}; {@link
 * #redeem} trades it for a fresh token naming the user. {@link #MAX_WRONG_IN_A_ROW} wrong codes in
 * a row void every outstanding code. Tokens are kept in {@code HOME/gateway/paired.json}
 * (owner-only) as SHA-256 hashes only, so the file does not let anyone act as a prompt.
 * Thread-safe.
 */
public final class Pairing {
  private static final Logger LOG = LoggerFactory.getLogger(Pairing.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  /** How long a code works. */
  public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

  /** Wrong codes in a row that void every outstanding code. */
  public static final int MAX_WRONG_IN_A_ROW = 5;

  private final Path file;
  private final SecureRandom random;
  private final Clock clock;
  private final List<PairingCode> codes = new ArrayList<>();
  private int wrongInARow;

  public Pairing(Path home, SecureRandom random, Clock clock) {
    this.file = file(home);
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code HOME/gateway/paired.json}. */
  public static Path file(Path home) {
    return home.toAbsolutePath().normalize().resolve("gateway").resolve("paired.json");
  }

  /** A fresh code for {@code user}. */
  public synchronized PairingCode newCode(String user) {
    String code = String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
    PairingCode c =
        new PairingCode(user.toLowerCase(Locale.ROOT), code, clock.instant().plus(CODE_LIFETIME));
    codes.add(c);
    LOG.info("pairing code made for {} (valid {})", c.user(), CODE_LIFETIME);
    return c;
  }

  /**
   * Trades a code for a new token (which the caller hands out and destroys); empty for a wrong,
   * expired or used code.
   *
   * @throws IOException if the paired-token file cannot be written
   */
  public synchronized Optional<Paired> redeem(String code) throws IOException {
    Instant now = clock.instant();
    codes.removeIf(c -> !now.isBefore(c.expiresAt()));
    PairingCode match = null;
    for (PairingCode c : codes) {
      if (MessageDigest.isEqual(bytes(c.code()), bytes(code))) {
        match = c;
      }
    }
    if (match == null) {
      wrongInARow++;
      if (wrongInARow >= MAX_WRONG_IN_A_ROW) {
        LOG.warn("{} wrong pairing codes in a row: every outstanding code is void", wrongInARow);
        codes.clear();
        wrongInARow = 0;
      }
      return Optional.empty();
    }
    wrongInARow = 0;
    codes.remove(match);
    UnlockToken token = UnlockToken.generate(random);
    ArrayNode tokens = read();
    ObjectNode entry = tokens.addObject();
    entry.put("user", match.user());
    entry.put("sha256", hash(token));
    entry.put("pairedAt", now.toString());
    write(tokens);
    LOG.info("a prompt client paired for {}", match.user());
    return Optional.of(new Paired(match.user(), token));
  }

  /** The user a paired token names; empty for a token that is not paired. */
  public synchronized Optional<String> userOf(UnlockToken token) throws IOException {
    byte[] presented = bytes(hash(token));
    Optional<String> user = Optional.empty();
    for (JsonNode entry : read()) {
      if (MessageDigest.isEqual(presented, bytes(entry.path("sha256").asText()))) {
        user = Optional.of(entry.path("user").asText());
      }
    }
    return user;
  }

  /** Revokes every token paired for {@code user} and voids its codes; returns how many tokens. */
  public synchronized int unpair(String user) throws IOException {
    String u = user.toLowerCase(Locale.ROOT);
    codes.removeIf(c -> c.user().equals(u));
    ArrayNode tokens = read();
    int removed = 0;
    for (Iterator<JsonNode> it = tokens.elements(); it.hasNext(); ) {
      if (it.next().path("user").asText().equals(u)) {
        it.remove();
        removed++;
      }
    }
    if (removed > 0) {
      write(tokens);
      LOG.info("{} paired prompt client(s) of {} revoked", removed, u);
    }
    return removed;
  }

  /** Voids every outstanding code (the gateway stops). */
  public synchronized void close() {
    codes.clear();
  }

  private ArrayNode read() throws IOException {
    if (!Files.exists(file)) {
      return JSON.createArrayNode();
    }
    OwnerOnlyFile.requireOwnerOnly(file, "the paired prompt clients");
    JsonNode tokens = JSON.readTree(file.toFile()).path("tokens");
    return tokens.isArray() ? (ArrayNode) tokens : JSON.createArrayNode();
  }

  private void write(ArrayNode tokens) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("tokens", tokens);
    Files.createDirectories(file.getParent());
    OwnerOnlyFile.writeAtomically(
        file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static String hash(UnlockToken token) {
    try {
      byte[] hex = token.hex().getBytes(StandardCharsets.US_ASCII);
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(hex));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A successful pairing.
   *
   * @param user the user the token acts for
   * @param token the new token; the receiver hands it out once and destroys it
   */
  public record Paired(String user, UnlockToken token) {}
}
