package org.kdcmail.kdc.server.kek;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one KEK-derived key, over a list of parts each prefixed with its 4-byte
 * big-endian length (so part boundaries cannot shift).
 */
public final class KekMac {
  /** Tag length. */
  public static final int TAG_BYTES = 32;

  private final SecretKeySpec key;

  KekMac(byte[] derivedKey) {
    this.key = new SecretKeySpec(derivedKey, "HmacSHA256");
    Arrays.fill(derivedKey, (byte) 0);
  }

  /** The 32-byte tag over the length-prefixed parts. */
  public byte[] tag(byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      for (byte[] part : parts) {
        mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }
}
