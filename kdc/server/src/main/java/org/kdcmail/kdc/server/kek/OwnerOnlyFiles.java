package org.kdcmail.kdc.server.kek;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes a small secret file with mode 0600, atomically and without replacing an existing one. */
final class OwnerOnlyFiles {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /**
   * Writes {@code content} to a temporary file in the target's directory, forces it to disk, then
   * hard-links it to {@code target} (which fails if the target exists) and removes the temporary
   * name. Readers see either no file or the whole file.
   *
   * @throws java.nio.file.FileAlreadyExistsException when {@code target} exists
   */
  static void createAtomically(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".kek-", ".tmp", ownerOnlyAttributes(dir));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
        channel.force(true);
      }
      Files.createLink(target, temp);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** True when the file system has POSIX permissions and group or other may read or write. */
  static boolean tooOpen(Path file) throws IOException {
    if (!isPosix(file)) {
      return false;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    return perms.contains(PosixFilePermission.GROUP_READ)
        || perms.contains(PosixFilePermission.GROUP_WRITE)
        || perms.contains(PosixFilePermission.OTHERS_READ)
        || perms.contains(PosixFilePermission.OTHERS_WRITE);
  }

  private static FileAttribute<?>[] ownerOnlyAttributes(Path dir) {
    return isPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
