package org.kdcmail.kdc.protocol.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.kdcmail.secrets.OwnerOnlyFile;

/**
 * The admin credential: {@link #TOKEN_BYTES} random bytes, stored as lowercase hex (one line) in
 * {@link #FILE_NAME} in the KDC's folder with permissions {@code rw-------}. Compared in constant
 * time; never printed ({@link #toString()} is redacted). The bytes leave this type only through
 * {@link #hex()} (for the token file) and {@link AdminRequest#encode()}.
 */
public final class AdminToken {

  /** Token length in bytes. */
  public static final int TOKEN_BYTES = 32;

  /** The token file's name inside the KDC folder. */
  public static final String FILE_NAME = "admin.token";

  /** The only permissions a token file may have. */
  public static final Set<PosixFilePermission> OWNER_ONLY = OwnerOnlyFile.OWNER_ONLY;

  /** Upper bound on the token file's size: hex plus a line break, with slack. */
  private static final long MAX_FILE_BYTES = 2L * TOKEN_BYTES + 8;

  private final byte[] bytes;

  private AdminToken(byte[] bytes) {
    if (bytes.length != TOKEN_BYTES) {
      throw new IllegalArgumentException("admin token must be " + TOKEN_BYTES + " bytes");
    }
    this.bytes = bytes.clone();
  }

  /** A fresh random token. */
  public static AdminToken generate(SecureRandom random) {
    byte[] b = new byte[TOKEN_BYTES];
    random.nextBytes(b);
    return new AdminToken(b);
  }

  /** Parses the token file's content (64 hex digits, surrounding whitespace ignored). */
  public static AdminToken fromHex(String hex) {
    String trimmed = hex.strip();
    if (trimmed.length() != 2 * TOKEN_BYTES) {
      throw new IllegalArgumentException("admin token must be " + 2 * TOKEN_BYTES + " hex digits");
    }
    return new AdminToken(HexFormat.of().parseHex(trimmed));
  }

  static AdminToken fromBytes(byte[] bytes) {
    return new AdminToken(bytes);
  }

  /**
   * Reads the token file {@code kdcDir/admin.token}, refusing a file that is a symbolic link, is
   * too big, or is accessible to group or others.
   *
   * @throws IOException with a message telling the operator what to fix
   */
  public static AdminToken read(Path kdcDir) throws IOException {
    Path file = kdcDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          "admin token file "
              + file
              + " is missing or not a regular file; is the KDC initialised and is this its folder?");
    }
    checkOwnerOnly(file);
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException("admin token file " + file + " is not a token file (too large)");
    }
    try {
      return fromHex(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "admin token file " + file + " is corrupt; restart the KDC to write a new one", e);
    }
  }

  /**
   * Throws unless {@code file} is readable and writable by its owner only.
   *
   * @throws IOException "... run: chmod 600 file" when group or others have any permission
   */
  public static void checkOwnerOnly(Path file) throws IOException {
    OwnerOnlyFile.requireOwnerOnly(file, "admin token file", LinkOption.NOFOLLOW_LINKS);
  }

  /** True iff {@code presented} is this token; constant time in the token bytes. */
  public boolean matches(AdminToken presented) {
    Objects.requireNonNull(presented, "presented");
    return MessageDigest.isEqual(bytes, presented.bytes);
  }

  /** The token as 64 lowercase hex digits, for the token file only. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  byte[] bytes() {
    return bytes.clone();
  }

  /** Tokens are compared with {@link #matches}, never {@code equals}. */
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "AdminToken[redacted]";
  }
}
