package org.kdcmail.kdc.protocol.enrollment;

import static org.kdcmail.kdc.protocol.enrollment.EnrollmentProtocol.*;

/**
 * Message 2, KDC → client: {@code 0x01 ‖ 0x02 ‖ KDC X25519 share (32) ‖ ML-KEM-768 ciphertext
 * (1088) ‖ KDC Ed25519 identity public key (32) ‖ Ed25519 signature (64)}; 1218 bytes.
 */
public final class ServerHello {

  /** Encoded length. */
  public static final int ENCODED_BYTES =
      2
          + X25519_KEY_BYTES
          + MLKEM_CIPHERTEXT_BYTES
          + ED25519_PUBLIC_KEY_BYTES
          + ED25519_SIGNATURE_BYTES;

  private final byte[] x25519Share;
  private final byte[] mlkemCiphertext;
  private final byte[] identityPublicKey;
  private final byte[] signature;

  ServerHello(
      byte[] x25519Share, byte[] mlkemCiphertext, byte[] identityPublicKey, byte[] signature) {
    this.x25519Share = x25519Share.clone();
    this.mlkemCiphertext = mlkemCiphertext.clone();
    this.identityPublicKey = identityPublicKey.clone();
    this.signature = signature.clone();
  }

  /** The KDC identity public key this message claims (check it against the pinned fingerprint). */
  public byte[] identityPublicKey() {
    return identityPublicKey.clone();
  }

  byte[] x25519Share() {
    return x25519Share;
  }

  byte[] mlkemCiphertext() {
    return mlkemCiphertext;
  }

  byte[] identityKeyRaw() {
    return identityPublicKey;
  }

  byte[] signature() {
    return signature;
  }

  /** The wire encoding. */
  public byte[] encode() {
    return new Wire.Writer(MessageType.SERVER_HELLO)
        .bytes(x25519Share)
        .bytes(mlkemCiphertext)
        .bytes(identityPublicKey)
        .bytes(signature)
        .toByteArray();
  }

  /**
   * Decodes exactly one ServerHello.
   *
   * @throws EnrollmentException on any length, version or type error
   */
  public static ServerHello decode(byte[] encoded) throws EnrollmentException {
    Wire.Reader r = new Wire.Reader(encoded, MessageType.SERVER_HELLO);
    ServerHello m =
        new ServerHello(
            r.bytes(X25519_KEY_BYTES),
            r.bytes(MLKEM_CIPHERTEXT_BYTES),
            r.bytes(ED25519_PUBLIC_KEY_BYTES),
            r.bytes(ED25519_SIGNATURE_BYTES));
    r.finish();
    return m;
  }
}
