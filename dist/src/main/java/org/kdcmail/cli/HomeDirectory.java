package org.kdcmail.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;

/**
 * The one folder under which every kdcmail command keeps its files, chosen as {@code GNUPGHOME} is
 * for gpg: {@code --home DIR}, else the {@code KDCMAIL_HOME} environment variable, else {@code
 * ~/.kdcmail}.
 *
 * @param path the absolute, normalized folder
 * @param origin where the choice came from, for messages
 */
public record HomeDirectory(Path path, Origin origin) {

  /** The environment variable that names the home folder. */
  public static final String ENVIRONMENT_VARIABLE = "KDCMAIL_HOME";

  /** Where the home folder's location came from. */
  public enum Origin {
    OPTION,
    ENVIRONMENT,
    DEFAULT
  }

  public HomeDirectory {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
    path = path.toAbsolutePath().normalize();
  }

  /** Applies the precedence: the option, then the environment, then {@code userHome/.kdcmail}. */
  public static HomeDirectory resolve(Path option, Map<String, String> environment, Path userHome) {
    if (option != null) {
      return new HomeDirectory(option, Origin.OPTION);
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new HomeDirectory(Path.of(fromEnvironment), Origin.ENVIRONMENT);
    }
    return new HomeDirectory(userHome.resolve(".kdcmail"), Origin.DEFAULT);
  }

  /**
   * Creates the folder when missing, readable by its owner only where the file system has POSIX
   * permissions, and returns its path.
   *
   * @throws IOException when it cannot be created; the message names the folder and its origin
   */
  public Path ensureExists() throws IOException {
    if (Files.isDirectory(path)) {
      return path;
    }
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(
            path,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(path);
      }
    } catch (IOException e) {
      throw new IOException(
          "cannot create the kdcmail home folder " + path + " (" + describeOrigin() + ")", e);
    }
    return path;
  }

  /** Where this folder's location came from, in words. */
  public String describeOrigin() {
    return switch (origin) {
      case OPTION -> "from --home";
      case ENVIRONMENT -> "from " + ENVIRONMENT_VARIABLE;
      case DEFAULT -> "the default";
    };
  }
}
