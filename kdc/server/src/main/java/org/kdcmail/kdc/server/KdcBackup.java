package org.kdcmail.kdc.server;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.kdcmail.kdc.server.store.DerbyOnlineBackup;

/**
 * {@code kdcmail admin backup DIR}, run by the serving KDC: an online, transaction-consistent copy
 * of its Derby store and key bank into {@code DIR/<UTC time>/}, with its settings and its wrapped
 * KEK ({@code kek.wrapped} or {@code kek.token}; never the passphrase or PIN). The copy is as
 * secret as the KDC's folder: rows are sealed under the KEK, and the KEK is only as strong as the
 * admin passphrase (or needs the token). A PostgreSQL store is backed up with {@code pg_dump}
 * instead.
 */
final class KdcBackup {
  static final DateTimeFormatter FOLDER_NAME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final KdcPaths paths;
  private final KdcSettings settings;
  private final Clock clock;

  KdcBackup(KdcPaths paths, KdcSettings settings, Clock clock) {
    this.paths = paths;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Writes a backup under {@code dir} and returns its folder.
   *
   * @throws BackupException for a PostgreSQL store, or when the folder cannot be written
   */
  Path backup(Path dir) {
    if (!settings.embeddedDatabase()) {
      throw new BackupException(
          "this KDC's store and key bank are in PostgreSQL, which admin backup cannot copy: back"
              + " the database up with pg_dump --format=custom (see docs/operations.md, Backups),"
              + " and keep kdc.properties and the wrapped KEK file with it");
    }
    Path target = dir.toAbsolutePath().normalize().resolve(FOLDER_NAME.format(clock.instant()));
    try {
      Files.createDirectories(target.getParent());
      Files.createDirectory(
          target,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      for (Path file : List.of(paths.settings(), paths.kekFile(), paths.tokenKekFile())) {
        if (Files.exists(file)) {
          Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw new BackupException(target + " already exists; wait a second and retry", e);
    } catch (IOException e) {
      throw new BackupException("cannot write the backup folder " + target + ": " + e, e);
    }
    DerbyOnlineBackup.copy(paths.store().resolve("db"), target.resolve("store"));
    DerbyOnlineBackup.copy(paths.keyBank().resolve("db"), target.resolve("keybank"));
    return target;
  }
}
