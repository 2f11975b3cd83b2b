package org.kdcmail.plugin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the client keeps its files under the kdcmail home folder: one folder per enrolled user,
 * {@code HOME/users/<username>/}, holding {@code client.store} (and the unlock throttle file next
 * to it). The username becomes a folder name only after {@link #folderName(String)} has refused
 * anything that could leave {@code HOME/users} or confuse a file system.
 *
 * @param home the kdcmail home folder (absolute after construction)
 */
public record ClientPaths(Path home) {

  /** File name of the encrypted local store. */
  public static final String STORE_FILE = "client.store";

  /** Longest username accepted as a folder name, in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 254;

  public ClientPaths {
    Objects.requireNonNull(home, "home");
    home = home.toAbsolutePath().normalize();
  }

  /** {@code HOME/users/<username>}. */
  public Path userFolder(String username) {
    return home.resolve("users").resolve(folderName(username));
  }

  /** {@code HOME/users/<username>/client.store}. */
  public Path storeFile(String username) {
    return userFolder(username).resolve(STORE_FILE);
  }

  /**
   * The username as a folder name, unchanged.
   *
   * @throws IllegalArgumentException for an empty or too long name, one that contains {@code /},
   *     {@code \}, {@code ..}, a control character, or starts with {@code .} or {@code -}
   */
  public static String folderName(String username) {
    Objects.requireNonNull(username, "username");
    if (username.isEmpty()) {
      throw new IllegalArgumentException("the username must not be empty");
    }
    if (username.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          "the username is longer than " + MAX_NAME_BYTES + " UTF-8 bytes");
    }
    if (username.contains("/") || username.contains("\\") || username.contains("..")) {
      throw new IllegalArgumentException(
          "the username must not contain '/', '\\' or '..' (it names a folder)");
    }
    if (username.startsWith(".") || username.startsWith("-")) {
      throw new IllegalArgumentException("the username must not start with '.' or '-'");
    }
    if (username.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the username must not contain control characters");
    }
    return username;
  }
}
