package org.kdcmail.kdc.protocol.enrollment;

import static org.kdcmail.kdc.protocol.enrollment.EnrollmentProtocol.*;

/**
 * Message 1, client → KDC: {@code 0x01 ‖ 0x01 ‖ u8 n ‖ username (n bytes UTF-8, 1..254) ‖
 * invitation id (16) ‖ client X25519 share (32) ‖ client ML-KEM-768 encapsulation key (1184)}.
 */
public final class ClientHello {

  private final String username;
  private final byte[] usernameBytes;
  private final InvitationId invitationId;
  private final byte[] x25519Share;
  private final byte[] mlkemPublicKey;

  ClientHello(
      String username, InvitationId invitationId, byte[] x25519Share, byte[] mlkemPublicKey) {
    this.username = username;
    this.usernameBytes = Wire.usernameBytes(username);
    this.invitationId = invitationId;
    this.x25519Share = x25519Share.clone();
    this.mlkemPublicKey = mlkemPublicKey.clone();
  }

  /** The username the client enrolls. */
  public String username() {
    return username;
  }

  /** The invitation the client redeems. */
  public InvitationId invitationId() {
    return invitationId;
  }

  byte[] usernameBytes() {
    return usernameBytes;
  }

  byte[] x25519Share() {
    return x25519Share;
  }

  byte[] mlkemPublicKey() {
    return mlkemPublicKey;
  }

  /** The wire encoding. */
  public byte[] encode() {
    return new Wire.Writer(MessageType.CLIENT_HELLO)
        .u8(usernameBytes.length)
        .bytes(usernameBytes)
        .bytes(invitationId.raw())
        .bytes(x25519Share)
        .bytes(mlkemPublicKey)
        .toByteArray();
  }

  /**
   * Decodes exactly one ClientHello.
   *
   * @throws EnrollmentException on any length, version, type or UTF-8 error
   */
  public static ClientHello decode(byte[] encoded) throws EnrollmentException {
    Wire.Reader r = new Wire.Reader(encoded, MessageType.CLIENT_HELLO);
    int n = r.u8();
    if (n == 0 || n > MAX_USERNAME_BYTES) {
      throw EnrollmentException.malformed();
    }
    String username = Wire.decodeUsername(r.bytes(n));
    InvitationId id = InvitationId.of(r.bytes(InvitationId.LENGTH_BYTES));
    byte[] x = r.bytes(X25519_KEY_BYTES);
    byte[] ek = r.bytes(MLKEM_PUBLIC_KEY_BYTES);
    r.finish();
    return new ClientHello(username, id, x, ek);
  }
}
