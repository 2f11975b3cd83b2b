package org.kdcmail.gateway.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.secrets.OwnerOnlyFile;

/**
 * A file holding one {@link UnlockToken}, readable by its owner only: {@code
 * HOME/users/<user>/unlock.token} proves the caller may act for that user (only someone who can
 * read the user's files can unlock or lock the user), {@code HOME/gateway/control.token} proves the
 * caller is the gateway's owner (status, lock everyone). A file that group or others can read is
 * refused.
 */
public final class TokenFile {

  /** File name of a user's token, in the user's folder. */
  public static final String USER_TOKEN = "unlock.token";

  /** File name of the gateway's control token, in {@code HOME/gateway}. */
  public static final String CONTROL_TOKEN = "control.token";

  private final Path path;
  private final String description;

  private TokenFile(Path path, String description) {
    this.path = path;
    this.description = description;
  }

  /** {@code HOME/users/<user>/unlock.token}. */
  public static TokenFile forUser(Path home, String user) {
    return new TokenFile(
        new ClientPaths(home).userFolder(user).resolve(USER_TOKEN), "the unlock token of " + user);
  }

  /** {@code HOME/gateway/control.token}. */
  public static TokenFile control(Path home) {
    return new TokenFile(
        home.toAbsolutePath().normalize().resolve("gateway").resolve(CONTROL_TOKEN),
        "the gateway's control token");
  }

  /** Where the token lives. */
  public Path path() {
    return path;
  }

  /**
   * The token, or empty if the file does not exist.
   *
   * @throws java.nio.file.AccessDeniedException if group or others can access the file
   * @throws IOException if it cannot be read or does not hold a token
   */
  public Optional<UnlockToken> read() throws IOException {
    byte[] content;
    try {
      OwnerOnlyFile.requireOwnerOnly(path, description);
      content = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(UnlockToken.parse(new String(content, StandardCharsets.US_ASCII)));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          description + " in " + path + " is damaged (" + e.getMessage() + "); delete it", e);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /** The token, made and written first (owner-only) if the file does not exist yet. */
  public UnlockToken readOrCreate(SecureRandom random) throws IOException {
    Optional<UnlockToken> existing = read();
    if (existing.isPresent()) {
      return existing.get();
    }
    UnlockToken fresh = UnlockToken.generate(random);
    try {
      Files.createDirectories(path.getParent());
      OwnerOnlyFile.createNew(path, ascii(fresh));
      return fresh;
    } catch (FileAlreadyExistsException raced) {
      fresh.destroy();
      return read().orElseThrow(() -> new IOException(path + " vanished while being read"));
    }
  }

  /** Writes a fresh token over any earlier one (the gateway does this at every start). */
  public UnlockToken replace(SecureRandom random) throws IOException {
    UnlockToken fresh = UnlockToken.generate(random);
    Files.createDirectories(path.getParent());
    OwnerOnlyFile.writeAtomically(path, ascii(fresh));
    return fresh;
  }

  private static byte[] ascii(UnlockToken token) {
    return Objects.requireNonNull(token).hex().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "TokenFile[" + path + "]";
  }
}
