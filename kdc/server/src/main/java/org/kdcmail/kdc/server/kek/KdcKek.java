package org.kdcmail.kdc.server.kek;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.kdcmail.qrng.RandomBitGenerator;
import org.kdcmail.qrng.bank.KeyEncryptionKey;
import org.kdcmail.secrets.SecretBytes;

/**
 * The KDC's unlocked 256-bit key-encryption key. Its bytes never leave this object: callers get
 * purpose-bound keys derived with {@code HKDF-SHA256(ikm = KEK, salt = empty, info =
 * "kdcmail/kdc/kek/v1/" || kind || "/" || purpose)}, so a key used for master-key rows can never
 * open identity rows or compute invitation verifiers. Never printed; zeroized by {@link
 * #destroy()}.
 */
public final class KdcKek implements Destroyable {
  /** KEK length: 32 bytes. */
  public static final int LENGTH_BYTES = 32;

  private static final String INFO_PREFIX = "kdcmail/kdc/kek/v1/";

  private final SecretBytes secret;

  private KdcKek(byte[] bytes) {
    this.secret = SecretBytes.wrap(bytes);
  }

  /** A fresh KEK of 32 bytes from {@code random} (the qrng DRBG in production). */
  public static KdcKek generate(RandomBitGenerator random) {
    byte[] fresh = new byte[LENGTH_BYTES];
    random.nextBytes(fresh);
    return new KdcKek(fresh);
  }

  /** Takes ownership of {@code bytes} (exactly 32). */
  static KdcKek adopt(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("KEK must be 32 bytes, got " + bytes.length);
    }
    return new KdcKek(bytes);
  }

  /** An AES-256-GCM sealing key for {@code purpose} (e.g. {@code "store/master-key"}). */
  public KekAead aead(String purpose) {
    return new KekAead(derive("aead/", purpose));
  }

  /** An HMAC-SHA256 key for {@code purpose} (e.g. {@code "store/invitation-code"}). */
  public KekMac mac(String purpose) {
    return new KekMac(derive("mac/", purpose));
  }

  /**
   * The key-encryption key handed to the qrng key bank, derived with purpose {@code "key-bank"};
   * the caller destroys it when the bank closes.
   */
  public KeyEncryptionKey keyBankKek() {
    byte[] derived = derive("kek/", "key-bank");
    try {
      return KeyEncryptionKey.copyOf(derived);
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /** The raw bytes, only for wrapping into {@code kek.wrapped}; zero the copy when done. */
  byte[] copyBytes() {
    checkAlive();
    return secret.copyBytes();
  }

  private byte[] derive(String kind, String purpose) {
    Objects.requireNonNull(purpose, "purpose");
    if (purpose.isEmpty()) {
      throw new IllegalArgumentException("purpose must not be empty");
    }
    byte[] ikm = copyBytes();
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    byte[] info = (INFO_PREFIX + kind + purpose).getBytes(StandardCharsets.UTF_8);
    hkdf.init(new HKDFParameters(ikm, new byte[0], info));
    Arrays.fill(ikm, (byte) 0);
    byte[] out = new byte[32];
    hkdf.generateBytes(out, 0, out.length);
    return out;
  }

  private void checkAlive() {
    if (secret.isDestroyed()) {
      throw new IllegalStateException("the KEK has been destroyed");
    }
  }

  @Override
  public void destroy() {
    secret.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  /** Constant-time comparison. */
  @Override
  public boolean equals(Object other) {
    return other instanceof KdcKek that && secret.equalsConstantTime(that.secret);
  }

  @Override
  public int hashCode() {
    return LENGTH_BYTES;
  }

  @Override
  public String toString() {
    return "KdcKek[256 bits, redacted]";
  }
}
