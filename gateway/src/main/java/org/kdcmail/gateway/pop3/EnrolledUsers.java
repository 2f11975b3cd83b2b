package org.kdcmail.gateway.pop3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.kdcmail.plugin.ClientPaths;

/** Who is enrolled in this gateway's home: users with a client store under {@code home/users}. */
final class EnrolledUsers {
  private final ClientPaths paths;

  EnrolledUsers(Path home) {
    this.paths = new ClientPaths(home);
  }

  /** Whether {@code user} has a client store here (false for a name that cannot be a folder). */
  boolean isEnrolled(String user) {
    try {
      return Files.isRegularFile(paths.storeFile(user));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Every enrolled user, by folder name. */
  Set<String> all() {
    Set<String> users = new TreeSet<>();
    Path folder = paths.home().resolve("users");
    if (!Files.isDirectory(folder)) {
      return users;
    }
    try (Stream<Path> s = Files.list(folder)) {
      s.filter(p -> Files.isRegularFile(p.resolve(ClientPaths.STORE_FILE)))
          .forEach(p -> users.add(p.getFileName().toString()));
    } catch (IOException e) {
      // an unreadable folder: nobody listed, so no downgrade warning from here
    }
    return users;
  }
}
