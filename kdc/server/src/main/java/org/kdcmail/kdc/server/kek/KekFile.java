package org.kdcmail.kdc.server.kek;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.protocol.masterkey.Argon2id;
import org.kdcmail.qrng.RandomBitGenerator;

/**
 * The file {@code kek.wrapped}: the KDC's KEK wrapped with AES-256-GCM under {@code Argon2id(admin
 * passphrase as UTF-8, salt, m, t, p)}. The whole header (magic, version, KDF id, Argon2
 * parameters, salt, nonce) is the associated data, so any change to the file is reported as {@link
 * WrongPassphraseException} or, for an unknown magic or version, {@link KekFileException}. The file
 * is created atomically, never replaced, with mode 0600. Byte layout: {@code docs/storage.md}, "KEK
 * file".
 */
public final class KekFile {
  /** The file name inside the KDC data directory. */
  public static final String FILE_NAME = "kek.wrapped";

  /** Format version written and accepted. */
  public static final int FORMAT_VERSION = 1;

  static final byte[] MAGIC = "KDCM-KEK".getBytes(StandardCharsets.US_ASCII);
  static final int KDF_ARGON2ID_V13 = 1;
  static final int SALT_BYTES = 16;
  static final int NONCE_BYTES = 12;
  static final int HEADER_BYTES = MAGIC.length + 1 + 1 + 12 + SALT_BYTES + NONCE_BYTES;
  static final int FILE_BYTES = HEADER_BYTES + KdcKek.LENGTH_BYTES + 16;

  private final Path path;
  private final Argon2Parameters argon2;
  private final RandomBitGenerator random;

  private KekFile(Builder builder) {
    this.path = builder.path;
    this.argon2 = builder.argon2;
    this.random = builder.random;
  }

  /** A builder for the KEK file at {@code path} (usually {@code dataDir/kek.wrapped}). */
  public static Builder builder(Path path) {
    return new Builder(path);
  }

  public Path path() {
    return path;
  }

  /**
   * {@code kdc init}: generates a fresh KEK from the random source, wraps it under the passphrase
   * and writes the file. The caller zeroes {@code passphrase}.
   *
   * @return the new, unlocked KEK
   * @throws KekFileException when the file already exists or cannot be written
   */
  public KdcKek create(char[] passphrase) {
    if (random == null) {
      throw new IllegalStateException("KekFile.create needs a random source (Builder.random)");
    }
    requirePassphrase(passphrase);
    KdcKek kek = KdcKek.generate(random);
    byte[] salt = randomBytes(SALT_BYTES);
    byte[] nonce = randomBytes(NONCE_BYTES);
    byte[] header = header(argon2, salt, nonce);
    byte[] plain = kek.copyBytes();
    try {
      byte[] sealed =
          cipher(Cipher.ENCRYPT_MODE, passphrase, argon2, salt, nonce, header).doFinal(plain);
      KekFileBytes.createNew(
          path,
          header,
          sealed,
          "already exists: this data directory is already initialised; use a new"
              + " directory, or remove the old KEK file only if its data is to be discarded");
      return kek;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Unwraps the KEK. The caller zeroes {@code passphrase} and destroys the returned KEK at
   * shutdown.
   *
   * @throws WrongPassphraseException when the passphrase is wrong or the file was altered
   * @throws KekFileException when the file is missing, readable by others, or not a KEK file
   */
  public KdcKek unlock(char[] passphrase) throws WrongPassphraseException {
    requirePassphrase(passphrase);
    byte[] file = readChecked();
    ByteBuffer in = ByteBuffer.wrap(file);
    in.position(MAGIC.length + 2);
    Argon2Parameters stored;
    try {
      // Untrusted header: bounded before any Argon2id work (a damaged file cannot exhaust memory).
      stored =
          new Argon2Parameters(in.getInt(), in.getInt(), in.getInt())
              .requireWithin(Argon2Parameters.FILE_HEADER_LIMIT);
    } catch (IllegalArgumentException e) {
      throw new WrongPassphraseException();
    }
    byte[] salt = new byte[SALT_BYTES];
    byte[] nonce = new byte[NONCE_BYTES];
    in.get(salt).get(nonce);
    byte[] header = Arrays.copyOf(file, HEADER_BYTES);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, passphrase, stored, salt, nonce, header);
      return KdcKek.adopt(cipher.doFinal(file, HEADER_BYTES, file.length - HEADER_BYTES));
    } catch (GeneralSecurityException e) {
      throw new WrongPassphraseException();
    }
  }

  private byte[] readChecked() {
    byte[] file =
        KekFileBytes.read(
            path,
            "does not exist: run 'kdc init' first, or point --data-dir at the right directory",
            HEADER_BYTES);
    if (file[MAGIC.length] != FORMAT_VERSION || file[MAGIC.length + 1] != KDF_ARGON2ID_V13) {
      throw new KekFileException(
          path + " has format version " + file[MAGIC.length] + "; this KDC reads version 1");
    }
    if (file.length != FILE_BYTES) {
      throw new KekFileException(path + " is truncated or damaged (wrong length)");
    }
    return file;
  }

  static byte[] header(Argon2Parameters argon2, byte[] salt, byte[] nonce) {
    return ByteBuffer.allocate(HEADER_BYTES)
        .put(MAGIC)
        .put((byte) FORMAT_VERSION)
        .put((byte) KDF_ARGON2ID_V13)
        .putInt(argon2.memoryKiB())
        .putInt(argon2.iterations())
        .putInt(argon2.parallelism())
        .put(salt)
        .put(nonce)
        .array();
  }

  private static Cipher cipher(
      int mode, char[] passphrase, Argon2Parameters argon2, byte[] salt, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    byte[] key = argon2id(passphrase, argon2, salt);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad);
      return cipher;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  static byte[] argon2id(char[] passphrase, Argon2Parameters argon2, byte[] salt) {
    return Argon2id.hash(argon2, passphrase, salt);
  }

  private byte[] randomBytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  private static void requirePassphrase(char[] passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("the admin passphrase must not be empty");
    }
  }

  /** Configuration: path (required), Argon2id cost (default RFC 9106 second), random source. */
  public static final class Builder {
    private final Path path;
    private Argon2Parameters argon2 = Argon2Parameters.RFC9106_SECOND_RECOMMENDED;
    private RandomBitGenerator random;

    private Builder(Path path) {
      this.path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    }

    /**
     * Argon2id cost for {@link #create}; tests may pass small values. Unlock reads the file's and
     * accepts at most {@link Argon2Parameters#FILE_HEADER_LIMIT}.
     *
     * @throws IllegalArgumentException when {@code argon2} exceeds that limit (the file could not
     *     be unlocked again)
     */
    public Builder argon2(Argon2Parameters argon2) {
      this.argon2 =
          Objects.requireNonNull(argon2, "argon2")
              .requireWithin(Argon2Parameters.FILE_HEADER_LIMIT);
      return this;
    }

    /** The source of the KEK, salt and nonce; required for {@link #create}. */
    public Builder random(RandomBitGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public KekFile build() {
      return new KekFile(this);
    }
  }
}
