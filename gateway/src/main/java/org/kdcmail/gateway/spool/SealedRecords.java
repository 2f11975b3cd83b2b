package org.kdcmail.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.kdcmail.secrets.SecretBytes;

/**
 * Seals and opens the records of a file under one AES-256-GCM key (JDK provider): record {@code n}
 * holds up to {@value #RECORD_BYTES} plaintext bytes followed by its 16-byte tag and sits at offset
 * {@code n × }{@value #SEALED_RECORD_BYTES}; its nonce is u64 {@code n} ‖ u32 last-record flag, so
 * a record moved, edited, dropped or cut off fails its tag when opened. Only the last record may be
 * shorter (or empty). The key must seal one file only. Immutable and thread-safe.
 */
public final class SealedRecords {

  /** Plaintext bytes per record: a record and its tag are exactly 64 KiB. */
  public static final int RECORD_BYTES = 65520;

  /** Bytes of the GCM tag that ends each record. */
  public static final int TAG_BYTES = 16;

  /** Bytes a full record takes on disk. */
  public static final int SEALED_RECORD_BYTES = RECORD_BYTES + TAG_BYTES;

  private final SecretKeySpec key;

  /**
   * @param key 32 bytes; copied, so the caller may destroy it once its files are no longer read
   */
  public SealedRecords(SecretBytes key) {
    if (key.length() != 32) {
      throw new IllegalArgumentException("a sealed file needs a 32-byte key");
    }
    byte[] k = key.copyBytes();
    try {
      this.key = new SecretKeySpec(k, "AES");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** Seals {@code plain[0, length)} as record {@code record} and writes it at its place. */
  public void write(FileChannel file, long record, boolean last, byte[] plain, int length)
      throws IOException {
    byte[] sealed;
    try {
      Cipher cipher = gcm();
      cipher.init(Cipher.ENCRYPT_MODE, key, nonce(record, last));
      sealed = cipher.doFinal(plain, 0, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's AES-GCM is unusable", e);
    }
    ByteBuffer out = ByteBuffer.wrap(sealed);
    long at = record * SEALED_RECORD_BYTES;
    while (out.hasRemaining()) {
      at += file.write(out, at);
    }
  }

  /**
   * Reads record {@code record} as it is on disk into {@code sealed} (at least {@value
   * #SEALED_RECORD_BYTES} bytes long).
   *
   * @return the bytes read: fewer than a full record only where the file ends
   */
  public static int read(FileChannel file, long record, byte[] sealed) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(sealed, 0, SEALED_RECORD_BYTES);
    long at = record * SEALED_RECORD_BYTES;
    while (in.hasRemaining()) {
      if (file.read(in, at + in.position()) < 0) {
        break;
      }
    }
    return in.position();
  }

  /**
   * Opens record {@code record}, read as {@code sealed[0, length)}, into {@code plain}.
   *
   * @return the plaintext bytes
   * @throws GeneralSecurityException if the record fails its tag (wrong key, place or flag, or
   *     edited)
   */
  public int open(long record, boolean last, byte[] sealed, int length, byte[] plain)
      throws GeneralSecurityException {
    Cipher cipher = gcm();
    cipher.init(Cipher.DECRYPT_MODE, key, nonce(record, last));
    return cipher.doFinal(sealed, 0, length, plain, 0);
  }

  private static GCMParameterSpec nonce(long record, boolean last) {
    byte[] iv = new byte[12];
    ByteBuffer.wrap(iv).putLong(record).putInt(last ? 1 : 0);
    return new GCMParameterSpec(TAG_BYTES * 8, iv);
  }

  private static Cipher gcm() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's AES-GCM is unusable", e);
    }
  }
}
