package org.kdcmail.kdc.server.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.KekAead;

/**
 * Seals K_S and K_ABi under {@code kek.aead("store/session-key")}. AAD = {@code
 * "kdcmail/kdc/store/v1/session-key" ‖ 0x00 ‖ format (1) ‖ role (1: 0x01 K_S, 0x02 K_ABi) ‖ then
 * key id, sender, recipient (empty for K_S), each as length (4, BE) ‖ UTF-8}.
 */
final class IssuanceSeals {
  private static final byte[] LABEL =
      "kdcmail/kdc/store/v1/session-key".getBytes(StandardCharsets.US_ASCII);
  private static final byte ROLE_SESSION = 1;
  private static final byte ROLE_PAIRWISE = 2;

  private final KekAead aead;

  IssuanceSeals(KdcKek kek) {
    this.aead = kek.aead("store/session-key");
  }

  byte[] sealSessionKey(String keyId, String sender, byte[] key) {
    return aead.seal(key, aad(ROLE_SESSION, keyId, sender, ""));
  }

  byte[] openSessionKey(String keyId, String sender, byte[] sealed)
      throws GeneralSecurityException {
    return aead.open(sealed, aad(ROLE_SESSION, keyId, sender, ""));
  }

  byte[] sealPairwiseKey(String keyId, String sender, String recipient, byte[] key) {
    return aead.seal(key, aad(ROLE_PAIRWISE, keyId, sender, recipient));
  }

  byte[] openPairwiseKey(String keyId, String sender, String recipient, byte[] sealed)
      throws GeneralSecurityException {
    return aead.open(sealed, aad(ROLE_PAIRWISE, keyId, sender, recipient));
  }

  static byte[] aad(byte role, String keyId, String sender, String recipient) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.writeBytes(LABEL);
    out.write(0);
    out.write(RowSeals.FORMAT_VERSION);
    out.write(role);
    for (String field : new String[] {keyId, sender, recipient}) {
      byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
      out.writeBytes(utf8);
    }
    return out.toByteArray();
  }
}
