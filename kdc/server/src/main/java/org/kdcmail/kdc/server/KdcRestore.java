package org.kdcmail.kdc.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.kdcmail.qrng.bank.RestoredKeyBank;

/**
 * {@code kdcmail kdc restore --from DIR}, with the KDC stopped: copies a backup made by {@code
 * admin backup} into the KDC's folder. It refuses while a KDC answers on the folder's port, and
 * refuses to replace an existing KDC unless forced (the old folder is then kept beside it,
 * renamed). The restored key bank's stored keys are discarded: the backup holds keys the KDC may
 * have handed out after the backup was taken, and handing one out again would reuse a session key;
 * the bank refills with new batches at the next start.
 */
public final class KdcRestore {
  private final KdcPaths target;
  private final Clock clock;

  public KdcRestore(KdcPaths target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  /** What a restore did. */
  public record Result(Path backup, Optional<Path> replacedFolderKeptAt, long discardedBankKeys) {}

  /**
   * Restores the newest backup under {@code from} (or {@code from} itself when it is one).
   *
   * @throws BackupException when there is no Derby backup there, a KDC is running, or the folder
   *     holds a KDC and {@code force} is false
   */
  public Result restore(Path from, boolean force) throws IOException {
    Path backup = locate(from.toAbsolutePath().normalize());
    KdcSettings settings = KdcSettings.read(backup.resolve("kdc.properties"));
    if (!settings.embeddedDatabase()) {
      throw new BackupException(
          backup + " belongs to a KDC on PostgreSQL; restore its database with pg_restore");
    }
    refuseWhileRunning(settings);
    Optional<Path> kept = Optional.empty();
    if (holdsKdc()) {
      if (!force) {
        throw new BackupException(
            target.root()
                + " already holds a KDC; restoring would replace its store. Pass --force to"
                + " replace it (the current folder is kept, renamed, beside it)");
      }
      Path aside =
          target.root().resolveSibling(target.root().getFileName() + ".replaced-" + stamp());
      Files.move(target.root(), aside);
      kept = Optional.of(aside);
    }
    copyInto(backup);
    long discarded = RestoredKeyBank.discardStoredKeys(target.keyBank());
    return new Result(backup, kept, discarded);
  }

  private Path locate(Path from) throws IOException {
    if (Files.isRegularFile(from.resolve("kdc.properties"))) {
      return requireDatabases(from);
    }
    if (Files.isDirectory(from)) {
      try (Stream<Path> children = Files.list(from)) {
        Optional<Path> newest =
            children
                .filter(p -> Files.isRegularFile(p.resolve("kdc.properties")))
                .max(Comparator.comparing(p -> p.getFileName().toString()));
        if (newest.isPresent()) {
          return requireDatabases(newest.get());
        }
      }
    }
    throw new BackupException(
        "no KDC backup in " + from + " (expected kdc.properties, store/db and keybank/db)");
  }

  private static Path requireDatabases(Path backup) {
    for (String db : List.of("store/db", "keybank/db")) {
      if (!Files.isDirectory(backup.resolve(db))) {
        throw new BackupException(backup + " is incomplete: " + db + " is missing");
      }
    }
    return backup;
  }

  private void refuseWhileRunning(KdcSettings backupSettings) throws IOException {
    List<KdcSettings> candidates =
        Files.exists(target.settings())
            ? List.of(KdcSettings.read(target.settings()), backupSettings)
            : List.of(backupSettings);
    for (KdcSettings s : candidates) {
      if (s.port() != 0 && answers(s.bindAddress(), s.port())) {
        throw new BackupException(
            "a KDC is listening on "
                + s.bindAddress()
                + ":"
                + s.port()
                + "; stop it before restoring (a restore replaces the files it has open)");
      }
    }
  }

  private static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean holdsKdc() {
    return Stream.of(
            target.settings(),
            target.kekFile(),
            target.tokenKekFile(),
            target.store(),
            target.keyBank())
        .anyMatch(Files::exists);
  }

  private void copyInto(Path backup) throws IOException {
    Files.createDirectories(
        target.root(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try (Stream<Path> files = Files.walk(backup)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path copy = target.root().resolve(backup.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private String stamp() {
    return KdcBackup.FOLDER_NAME.format(clock.instant());
  }
}
