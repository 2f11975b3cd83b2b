package org.kdcmail.plugin.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only (0600) files written atomically: temp file in the same directory, fsync, rename. */
final class SecretFiles {
  private SecretFiles() {}

  /**
   * Replaces {@code target} atomically with {@code content}; readers see old or new, never half.
   */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".kdcm-", ".tmp", ownerOnly(dir));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** True when POSIX permissions let group or others read or write {@code file}. */
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

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not every platform can sync a directory; the rename itself is atomic
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    return isPosix(dir)
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
