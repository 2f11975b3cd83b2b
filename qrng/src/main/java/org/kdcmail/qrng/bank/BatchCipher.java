package org.kdcmail.qrng.bank;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.kdcmail.secrets.AesGcmCiphers;

/**
 * Seals and opens the key rows of one batch with AES-256-GCM under the batch key {@code
 * HKDF-SHA256(ikm = KEK, salt = batch salt, info = "kdcmail/qrng/bank/v1/batch-key" || batch id)}.
 * The nonce is the key's sequence number (96-bit big-endian), unique under the batch key; the AAD
 * binds format version, key id and provenance. Byte layout: {@code docs/key-bank.md}.
 */
final class BatchCipher {
  static final int FORMAT_VERSION = 1;
  static final int SALT_BYTES = 32;
  static final int TAG_BITS = 128;
  static final int CIPHERTEXT_BYTES = KeyMaterial.LENGTH_BYTES + TAG_BITS / 8;
  private static final int NONCE_BYTES = 12;
  private static final byte[] BATCH_KEY_INFO = ascii("kdcmail/qrng/bank/v1/batch-key");
  private static final byte[] KEY_AAD_LABEL = ascii("kdcmail/qrng/bank/v1/key");

  private final KeyProvenance provenance;
  private final byte[] batchKey;
  private final SecretKeySpec keySpec;

  BatchCipher(KeyEncryptionKey kek, byte[] salt, KeyProvenance provenance) {
    if (salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("batch salt must be 32 bytes");
    }
    this.provenance = provenance;
    this.batchKey = hkdf(kek, salt, concat(BATCH_KEY_INFO, provenance.batchId().toBytes()));
    this.keySpec = new SecretKeySpec(batchKey, "AES");
  }

  KeyProvenance provenance() {
    return provenance;
  }

  /** Encrypts key {@code sequence} of this batch. */
  byte[] seal(int sequence, byte[] plaintextKey) {
    try {
      return cipher(Cipher.ENCRYPT_MODE, sequence).doFinal(plaintextKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
    }
  }

  /**
   * Decrypts and authenticates key {@code sequence} of this batch.
   *
   * @throws GeneralSecurityException when the row fails authentication (generic on purpose)
   */
  KeyMaterial open(int sequence, byte[] ciphertext) throws GeneralSecurityException {
    if (ciphertext.length != CIPHERTEXT_BYTES) {
      throw new GeneralSecurityException("stored key failed authentication");
    }
    return KeyMaterial.adopt(cipher(Cipher.DECRYPT_MODE, sequence).doFinal(ciphertext));
  }

  /** Zeroes this batch's derived key bytes (the JDK's internal key copies are out of reach). */
  void destroy() {
    Arrays.fill(batchKey, (byte) 0);
  }

  private Cipher cipher(int mode, int sequence) throws GeneralSecurityException {
    Cipher cipher =
        AesGcmCiphers.initialized(mode, keySpec, new GCMParameterSpec(TAG_BITS, nonce(sequence)));
    cipher.updateAAD(aad(new KeyId(provenance.batchId(), sequence), provenance));
    return cipher;
  }

  static byte[] nonce(int sequence) {
    return ByteBuffer.allocate(NONCE_BYTES).putInt(8, sequence).array();
  }

  /** The associated data of one key row; see docs/key-bank.md, "AAD". */
  static byte[] aad(KeyId id, KeyProvenance provenance) {
    byte[] kind = ascii(provenance.sourceKind().name());
    byte[] source = provenance.sourceId().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(
            KEY_AAD_LABEL.length + 1 + 1 + 16 + 4 + 8 + 1 + kind.length + 2 + source.length)
        .put(KEY_AAD_LABEL)
        .put((byte) 0)
        .put((byte) FORMAT_VERSION)
        .put(id.batchId().toBytes())
        .putInt(id.sequence())
        .putLong(provenance.createdAt().toEpochMilli())
        .put((byte) kind.length)
        .put(kind)
        .putShort((short) source.length)
        .put(source)
        .array();
  }

  static byte[] hkdf(KeyEncryptionKey kek, byte[] salt, byte[] info) {
    byte[] ikm = kek.copyBytes();
    try {
      HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
      hkdf.init(new HKDFParameters(ikm, salt, info));
      byte[] out = new byte[32];
      hkdf.generateBytes(out, 0, out.length);
      return out;
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
