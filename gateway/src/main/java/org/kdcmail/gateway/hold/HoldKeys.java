package org.kdcmail.gateway.hold;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.secrets.SecretBytes;

/**
 * The keys a held message is sealed with: HKDF-SHA256 of the sender's master key, salted with the
 * message's random 32-byte salt, one label for the message and one for the stored login.
 */
final class HoldKeys {
  private static final byte[] MESSAGE =
      "kdcmail gateway held message v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LOGIN =
      "kdcmail gateway held login v1".getBytes(StandardCharsets.US_ASCII);

  private HoldKeys() {}

  static SecretBytes message(MasterKey key, byte[] salt) {
    return derive(key, salt, MESSAGE);
  }

  static SecretBytes login(MasterKey key, byte[] salt) {
    return derive(key, salt, LOGIN);
  }

  private static SecretBytes derive(MasterKey key, byte[] salt, byte[] label) {
    byte[] ikm = key.copyBytes();
    byte[] out = new byte[32];
    try {
      HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
      g.init(new HKDFParameters(ikm, salt, label));
      g.generateBytes(out, 0, out.length);
      return SecretBytes.wrap(out);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }
}
