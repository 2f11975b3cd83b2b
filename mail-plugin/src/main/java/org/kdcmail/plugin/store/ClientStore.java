package org.kdcmail.plugin.store;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.protocol.masterkey.Argon2id;
import org.kdcmail.secrets.OwnerOnlyFile;

/**
 * Writes and opens the client store file. Layout (all integers big-endian):
 *
 * <pre>
 * header: "KDCMSTOR" (8) | version 0x01 (1) | m KiB (4) | t (4) | p (4) | salt (16) | nonce (12)
 * then:   AES-256-GCM(key = Argon2id(login password UTF-8, salt, m, t, p, 32), nonce,
 *                     aad = the 49 header bytes, body) with a 16-byte tag
 * body:   len (2) | username | len (2) | KDC address | len (2) | KDC fingerprint (UTF-8)
 *         | p2 | p3 | p4 | p5 (64 each, FieldPoint.encode) | verifier (32) | created ms (8)
 * </pre>
 *
 * Any change to any byte makes {@link #open} fail with {@link WrongLoginPasswordException}, or, for
 * an unknown magic or version, {@link ClientStoreException}.
 */
public final class ClientStore {
  /** Format version written and read. */
  public static final int FORMAT_VERSION = 1;

  static final byte[] MAGIC = "KDCMSTOR".getBytes(StandardCharsets.US_ASCII);
  static final int SALT_BYTES = 16;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int HEADER_BYTES = MAGIC.length + 1 + 12 + SALT_BYTES + NONCE_BYTES;

  /** The most expensive Argon2id parameters {@link #open(Path, char[])} will run. */
  public static final Argon2Parameters DEFAULT_OPEN_LIMIT = Argon2Parameters.FILE_HEADER_LIMIT;

  private ClientStore() {}

  /**
   * Encrypts {@code contents} under a key from {@code loginPassword} and writes {@code path}
   * atomically with mode 0600 (replacing an older store, e.g. after re-enrollment).
   */
  public static void create(
      Path path,
      char[] loginPassword,
      StoreContents contents,
      Argon2Parameters argon2,
      SecureRandom random) {
    requirePassword(loginPassword);
    byte[] salt = new byte[SALT_BYTES];
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    byte[] header = header(argon2, salt, nonce);
    byte[] body = encodeBody(contents);
    try {
      byte[] ciphertext =
          cipher(Cipher.ENCRYPT_MODE, loginPassword, argon2, salt, nonce, header).doFinal(body);
      byte[] file = Arrays.copyOf(header, header.length + ciphertext.length);
      System.arraycopy(ciphertext, 0, file, header.length, ciphertext.length);
      OwnerOnlyFile.writeAtomically(path, file);
    } catch (IOException e) {
      throw new ClientStoreException("cannot write the local store " + path + ": " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  /** Opens the store with Argon2id costs up to {@link #DEFAULT_OPEN_LIMIT}. */
  public static StoreContents open(Path path, char[] loginPassword)
      throws WrongLoginPasswordException {
    return open(path, loginPassword, DEFAULT_OPEN_LIMIT);
  }

  /**
   * Decrypts the store.
   *
   * @param limit a file asking for more Argon2id cost than this is treated as damaged
   * @throws WrongLoginPasswordException wrong password, or the file was altered
   * @throws ClientStoreException missing, unreadable, group/other-readable, or unknown version
   */
  public static StoreContents open(Path path, char[] loginPassword, Argon2Parameters limit)
      throws WrongLoginPasswordException {
    requirePassword(loginPassword);
    byte[] file = readChecked(path);
    ByteBuffer in = ByteBuffer.wrap(file).position(MAGIC.length + 1);
    Objects.requireNonNull(limit, "limit");
    Argon2Parameters argon2;
    try {
      // Untrusted header: bounded before any Argon2id work (a damaged file cannot exhaust memory).
      argon2 = new Argon2Parameters(in.getInt(), in.getInt(), in.getInt()).requireWithin(limit);
    } catch (IllegalArgumentException e) {
      throw new WrongLoginPasswordException();
    }
    if (file.length < HEADER_BYTES + TAG_BYTES) {
      throw new WrongLoginPasswordException();
    }
    byte[] salt = new byte[SALT_BYTES];
    byte[] nonce = new byte[NONCE_BYTES];
    in.get(salt).get(nonce);
    byte[] body = null;
    try {
      Cipher cipher =
          cipher(
              Cipher.DECRYPT_MODE,
              loginPassword,
              argon2,
              salt,
              nonce,
              Arrays.copyOf(file, HEADER_BYTES));
      body = cipher.doFinal(file, HEADER_BYTES, file.length - HEADER_BYTES);
      return decodeBody(body);
    } catch (GeneralSecurityException e) {
      throw new WrongLoginPasswordException();
    } finally {
      if (body != null) {
        Arrays.fill(body, (byte) 0);
      }
    }
  }

  private static byte[] readChecked(Path path) {
    try {
      try {
        OwnerOnlyFile.requireOwnerOnly(path, "the local store");
      } catch (AccessDeniedException e) {
        throw new ClientStoreException(
            e.getMessage() + " (and consider re-enrolling if others may have copied it)", e);
      }
      byte[] file = Files.readAllBytes(path);
      if (file.length < HEADER_BYTES || !Arrays.equals(Arrays.copyOf(file, 8), MAGIC)) {
        throw new ClientStoreException(path + " is not a kdcmail local store");
      }
      if (file[MAGIC.length] != FORMAT_VERSION) {
        throw new ClientStoreException(
            path + " has store format " + file[MAGIC.length] + "; this kdcmail reads format 1");
      }
      return file;
    } catch (NoSuchFileException e) {
      throw new ClientStoreException("no local store at " + path + ": enroll first", e);
    } catch (IOException e) {
      throw new ClientStoreException("cannot read the local store " + path + ": " + e, e);
    }
  }

  static byte[] header(Argon2Parameters argon2, byte[] salt, byte[] nonce) {
    return ByteBuffer.allocate(HEADER_BYTES)
        .put(MAGIC)
        .put((byte) FORMAT_VERSION)
        .putInt(argon2.memoryKiB())
        .putInt(argon2.iterations())
        .putInt(argon2.parallelism())
        .put(salt)
        .put(nonce)
        .array();
  }

  static byte[] encodeBody(StoreContents c) {
    byte[][] strings = {utf8(c.username()), utf8(c.kdcAddress()), utf8(c.kdcFingerprint())};
    int size = 6 + strings[0].length + strings[1].length + strings[2].length;
    size += StoreContents.POINT_COUNT * FieldPoint.ENCODED_BYTES + StoreContents.VERIFIER_BYTES + 8;
    ByteBuffer out = ByteBuffer.allocate(size);
    for (byte[] s : strings) {
      out.putShort((short) s.length).put(s);
    }
    for (FieldPoint point : c.points()) {
      byte[] encoded = point.encode();
      out.put(encoded);
      Arrays.fill(encoded, (byte) 0);
    }
    byte[] verifier = c.verifier();
    out.put(verifier).putLong(c.createdAt().toEpochMilli());
    Arrays.fill(verifier, (byte) 0);
    return out.array();
  }

  static StoreContents decodeBody(byte[] body) {
    try {
      ByteBuffer in = ByteBuffer.wrap(body);
      String username = readString(in);
      String address = readString(in);
      String fingerprint = readString(in);
      List<FieldPoint> points = new ArrayList<>();
      byte[] point = new byte[FieldPoint.ENCODED_BYTES];
      for (int i = 0; i < StoreContents.POINT_COUNT; i++) {
        in.get(point);
        points.add(FieldPoint.decode(point));
      }
      Arrays.fill(point, (byte) 0);
      byte[] verifier = new byte[StoreContents.VERIFIER_BYTES];
      in.get(verifier);
      Instant created = Instant.ofEpochMilli(in.getLong());
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes");
      }
      return new StoreContents(username, address, fingerprint, points, verifier, created);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new ClientStoreException("the local store decrypted but its body is malformed", e);
    }
  }

  private static String readString(ByteBuffer in) {
    byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > StoreContents.MAX_STRING_BYTES) {
      throw new IllegalArgumentException("store string field longer than 1024 bytes");
    }
    return bytes;
  }

  private static Cipher cipher(
      int mode, char[] password, Argon2Parameters argon2, byte[] salt, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    byte[] key = Argon2id.hash(argon2, password, salt);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(aad);
      return cipher;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static void requirePassword(char[] password) {
    Objects.requireNonNull(password, "loginPassword");
    if (password.length == 0) {
      throw new IllegalArgumentException("the login password must not be empty");
    }
  }
}
