package org.kdcmail.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Small secret files on disk, readable and writable by their owner only ({@code rw-------}).
 *
 * <p>Writes go to a temporary file in the target's directory that is born {@code rw-------} (the
 * permissions are an attribute of the create call, never applied afterwards), is written and forced
 * to disk, and then takes the target's name in one step: readers see either the old file or the
 * whole new one, never a partial or world-readable one. On a file system without POSIX permissions
 * (Windows) files are created with the platform's defaults and permission checks are skipped.
 */
public final class OwnerOnlyFile {

  /** The only permissions an owner-only file has. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      Collections.unmodifiableSet(PosixFilePermissions.fromString("rw-------"));

  private static final Set<PosixFilePermission> GROUP_OR_OTHER =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private OwnerOnlyFile() {}

  /**
   * Replaces {@code target} atomically with {@code content} (creating it and its directory if
   * needed): temporary file, fsync, atomic rename over the target, then a best-effort fsync of the
   * directory.
   */
  public static void writeAtomically(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = writeTemporary(dir, target, content);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates {@code target} with {@code content}, atomically and without replacing an existing file:
   * temporary file, fsync, hard link to the target name (which fails if it exists), then the
   * temporary name is removed.
   *
   * @throws java.nio.file.FileAlreadyExistsException when {@code target} exists
   */
  public static void createNew(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = writeTemporary(dir, target, content);
    try {
      Files.createLink(target, temp);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Throws unless {@code file} is accessible to its owner only, following symbolic links. Same as
   * {@link #requireOwnerOnly(Path, String, LinkOption...)} with the description {@code "file"}.
   */
  public static void requireOwnerOnly(Path file) throws IOException {
    requireOwnerOnly(file, "file");
  }

  /**
   * Throws unless group and others have no permission at all on {@code file}. Does nothing on a
   * file system without POSIX permissions.
   *
   * @param description what the file is, for the message (e.g. {@code "admin token file"})
   * @param options e.g. {@link LinkOption#NOFOLLOW_LINKS} to check a link itself
   * @throws AccessDeniedException "{description} {file} is accessible to group or others (...);
   *     refusing to use it. Run: chmod 600 {file}"
   * @throws IOException when the permissions cannot be read, e.g. {@link
   *     java.nio.file.NoSuchFileException}
   */
  public static void requireOwnerOnly(Path file, String description, LinkOption... options)
      throws IOException {
    if (!isPosix(file)) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, options);
    if (!Collections.disjoint(perms, GROUP_OR_OTHER)) {
      throw new AccessDeniedException(
          null,
          null,
          description
              + " "
              + file
              + " is accessible to group or others ("
              + PosixFilePermissions.toString(perms)
              + "); refusing to use it. Run: chmod 600 "
              + file);
    }
  }

  private static Path writeTemporary(Path dir, Path target, byte[] content) throws IOException {
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", ownerOnly(dir));
    try {
      requireOwnerOnly(temp, "temporary file");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      return temp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not every platform can sync a directory; the rename or link itself is atomic
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    return isPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
