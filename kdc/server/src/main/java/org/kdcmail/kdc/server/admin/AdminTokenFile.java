package org.kdcmail.kdc.server.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.secrets.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the admin token file at KDC start. The file is born {@code rw-------} (the permissions
 * are an attribute of the create call, never applied afterwards), written and synced under a
 * temporary name in the same folder, then moved over {@code admin.token} atomically, so no reader
 * ever sees a partial or world-readable token ({@link OwnerOnlyFile#writeAtomically}).
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
    Path file = kdcDir.resolve(AdminToken.FILE_NAME);
    OwnerOnlyFile.writeAtomically(file, (token.hex() + "\n").getBytes(StandardCharsets.US_ASCII));
    log.info("Wrote a new admin token to {} (rw-------)", file);
    return token;
  }
}
