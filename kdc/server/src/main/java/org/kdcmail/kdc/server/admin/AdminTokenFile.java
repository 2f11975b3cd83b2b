package org.kdcmail.kdc.server.admin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the admin token file at KDC start. The file is born {@code rw-------} (the permissions
 * are an attribute of the create call, never applied afterwards), written and synced under a
 * temporary name in the same folder, then moved over {@code admin.token} atomically, so no reader
 * ever sees a partial or world-readable token.
 */
public final class AdminTokenFile {

  private static final Logger log = LoggerFactory.getLogger(AdminTokenFile.class);

  private AdminTokenFile() {}

  /**
   * Writes a fresh random token to {@code kdcDir/admin.token}, replacing any previous one.
   *
   * @return the new token, for the server to verify requests against
   */
  public static AdminToken create(Path kdcDir, SecureRandom random) throws IOException {
    if (!Files.isDirectory(kdcDir)) {
      throw new IOException("KDC folder " + kdcDir + " does not exist or is not a directory");
    }
    AdminToken token = AdminToken.generate(random);
    Path tmp =
        Files.createTempFile(
            kdcDir,
            ".admin.token.",
            ".tmp",
            PosixFilePermissions.asFileAttribute(AdminToken.OWNER_ONLY));
    try {
      AdminToken.checkOwnerOnly(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer content = StandardCharsets.US_ASCII.encode(token.hex() + "\n");
        while (content.hasRemaining()) {
          ch.write(content);
        }
        ch.force(true);
      }
      Files.move(
          tmp,
          kdcDir.resolve(AdminToken.FILE_NAME),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    log.info("Wrote a new admin token to {} (rw-------)", kdcDir.resolve(AdminToken.FILE_NAME));
    return token;
  }
}
