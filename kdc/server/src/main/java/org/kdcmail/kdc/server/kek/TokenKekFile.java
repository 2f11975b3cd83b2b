package org.kdcmail.kdc.server.kek;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import org.kdcmail.qrng.RandomBitGenerator;

/**
 * The file {@code kek.token}: the KDC's KEK wrapped with AES-256-GCM under a non-extractable key on
 * a PKCS#11 token. The AES operation runs on the token, so the wrapping key never enters the KDC's
 * memory; the KEK itself is unwrapped into memory at start, as with the passphrase. The header
 * (magic, version, wrapping id, key label, nonce) is the associated data. Created atomically with
 * mode 0600 and never replaced. Byte layout: {@code docs/storage.md}, "KEK on a PKCS#11 token".
 */
public final class TokenKekFile {
  /** The file name inside the KDC data directory. */
  public static final String FILE_NAME = "kek.token";

  static final int FORMAT_VERSION = 1;
  static final int WRAP_AES256_GCM_PKCS11 = 2;
  static final int NONCE_BYTES = 12;

  private final Path path;

  public TokenKekFile(Path path) {
    this.path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
  }

  public Path path() {
    return path;
  }

  /**
   * {@code kdc init}: draws a fresh KEK from {@code random}, wraps it on the token named by {@code
   * settings} (creating the wrapping key there when the token has none with its label) and writes
   * the file.
   *
   * @return the new, unlocked KEK
   * @throws Pkcs11TokenException when the token cannot be used
   * @throws KekFileException when the file exists already or cannot be written
   */
  public KdcKek create(Pkcs11Settings settings, char[] pin, RandomBitGenerator random) {
    try (Pkcs11Token token = Pkcs11Token.login(settings, pin)) {
      SecretKey wrapping = token.hasWrappingKey() ? token.wrappingKey() : token.createWrappingKey();
      KdcKek kek = KdcKek.generate(random);
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      byte[] header = header(settings.keyLabel(), nonce);
      byte[] plain = kek.copyBytes();
      try {
        byte[] sealed = token.gcm(Cipher.ENCRYPT_MODE, wrapping, nonce, header).doFinal(plain);
        KekFileBytes.createNew(
            path, header, sealed, "already exists: this data directory is already initialised");
        return kek;
      } catch (KekFileException e) {
        kek.destroy();
        throw e;
      } catch (GeneralSecurityException e) {
        kek.destroy();
        throw new Pkcs11TokenException("the PKCS#11 token could not wrap the KEK: " + e, e);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /**
   * {@code kdc serve}: unwraps the KEK on the token. The caller zeroes {@code pin} and destroys the
   * KEK at shutdown.
   *
   * @throws Pkcs11TokenException when the token, its PIN or its key is wrong, or the file was
   *     altered
   * @throws KekFileException when the file is missing, readable by others, or not a token KEK file
   */
  public KdcKek unlock(Pkcs11Settings settings, char[] pin) {
    byte[] file = readChecked();
    ByteBuffer in = ByteBuffer.wrap(file, KekFile.MAGIC.length + 2, file.length - 10);
    byte[] label = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(label);
    String fileLabel = new String(label, StandardCharsets.UTF_8);
    if (!fileLabel.equals(settings.keyLabel())) {
      throw new KekFileException(
          path
              + " was wrapped with the token key '"
              + fileLabel
              + "' but the settings name '"
              + settings.keyLabel()
              + "'; fix pkcs11.key-label in kdc.properties");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    in.get(nonce);
    int headerLength = in.position();
    try (Pkcs11Token token = Pkcs11Token.login(settings, pin)) {
      SecretKey wrapping = token.wrappingKey();
      byte[] header = Arrays.copyOf(file, headerLength);
      Cipher cipher = token.gcm(Cipher.DECRYPT_MODE, wrapping, nonce, header);
      return KdcKek.adopt(cipher.doFinal(file, headerLength, file.length - headerLength));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new Pkcs11TokenException(
          "the key '"
              + settings.keyLabel()
              + "' on the PKCS#11 token did not unwrap "
              + path
              + ": the file was altered, or this is another token's key with the same label");
    }
  }

  private byte[] readChecked() {
    int minimum = KekFile.MAGIC.length + 4 + NONCE_BYTES + KdcKek.LENGTH_BYTES + 16;
    byte[] file =
        KekFileBytes.read(
            path, "does not exist: run 'kdc init --pkcs11-config FILE' first", minimum);
    if (file[KekFile.MAGIC.length] != FORMAT_VERSION
        || file[KekFile.MAGIC.length + 1] != WRAP_AES256_GCM_PKCS11) {
      throw new KekFileException(
          path + " is not a PKCS#11-wrapped KEK file of version 1; this KDC reads version 1");
    }
    int labelLength =
        Short.toUnsignedInt(ByteBuffer.wrap(file, KekFile.MAGIC.length + 2, 2).getShort());
    if (file.length != minimum + labelLength) {
      throw new KekFileException(path + " is truncated or damaged (wrong length)");
    }
    return file;
  }

  static byte[] header(String keyLabel, byte[] nonce) {
    byte[] label = keyLabel.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(KekFile.MAGIC.length + 4 + label.length + NONCE_BYTES)
        .put(KekFile.MAGIC)
        .put((byte) FORMAT_VERSION)
        .put((byte) WRAP_AES256_GCM_PKCS11)
        .putShort((short) label.length)
        .put(label)
        .put(nonce)
        .array();
  }
}
