package org.kdcmail.kdc.server.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.kdcmail.kdc.protocol.enrollment.InvitationId;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.KekAead;

/**
 * The KEK-derived keys of the store and the associated data of each sealed column. Layouts in
 * {@code docs/storage.md}, "KDC tables".
 */
final class RowSeals {
  static final int FORMAT_VERSION = 1;
  private static final byte[] MASTER_KEY_LABEL = ascii("kdcmail/kdc/store/v1/master-key");
  private static final byte[] IDENTITY_LABEL = ascii("kdcmail/kdc/store/v1/identity");
  private static final byte[] CODE_LABEL = ascii("kdcmail/kdc/store/v1/invitation-code");

  private final KekAead masterKeys;
  private final KekAead identity;
  private final KekAead invitationCodes;

  RowSeals(KdcKek kek) {
    this.masterKeys = kek.aead("store/master-key");
    this.identity = kek.aead("store/identity");
    this.invitationCodes = kek.aead("store/invitation-code");
  }

  byte[] sealMasterKey(String username, int keyVersion, byte[] key) {
    return masterKeys.seal(key, masterKeyAad(username, keyVersion));
  }

  byte[] openMasterKey(String username, int keyVersion, byte[] sealed)
      throws GeneralSecurityException {
    return masterKeys.open(sealed, masterKeyAad(username, keyVersion));
  }

  byte[] sealIdentity(String algorithm, byte[] publicKey, byte[] privateKey) {
    return identity.seal(privateKey, identityAad(algorithm, publicKey));
  }

  byte[] openIdentity(String algorithm, byte[] publicKey, byte[] sealed)
      throws GeneralSecurityException {
    return identity.open(sealed, identityAad(algorithm, publicKey));
  }

  byte[] sealCode(InvitationId id, String username, byte[] code) {
    return invitationCodes.seal(code, codeAad(id, username));
  }

  byte[] openCode(InvitationId id, String username, byte[] sealed) throws GeneralSecurityException {
    return invitationCodes.open(sealed, codeAad(id, username));
  }

  /** label || 0x00 || format (1) || invitation id (16) || username (UTF-8). */
  static byte[] codeAad(InvitationId id, String username) {
    byte[] name = username.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(CODE_LABEL.length + 2 + InvitationId.LENGTH_BYTES + name.length)
        .put(CODE_LABEL)
        .put((byte) 0)
        .put((byte) FORMAT_VERSION)
        .put(id.toBytes())
        .put(name)
        .array();
  }

  /** label || 0x00 || format (1) || key version (4, BE) || username (UTF-8). */
  static byte[] masterKeyAad(String username, int keyVersion) {
    byte[] name = username.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(MASTER_KEY_LABEL.length + 1 + 1 + 4 + name.length)
        .put(MASTER_KEY_LABEL)
        .put((byte) 0)
        .put((byte) FORMAT_VERSION)
        .putInt(keyVersion)
        .put(name)
        .array();
  }

  /** label || 0x00 || format (1) || len (1) || algorithm (ASCII) || public key. */
  static byte[] identityAad(String algorithm, byte[] publicKey) {
    byte[] alg = ascii(algorithm);
    return ByteBuffer.allocate(IDENTITY_LABEL.length + 3 + alg.length + publicKey.length)
        .put(IDENTITY_LABEL)
        .put((byte) 0)
        .put((byte) FORMAT_VERSION)
        .put((byte) alg.length)
        .put(alg)
        .put(publicKey)
        .array();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
