package org.kdcmail.kdc.protocol.enrollment;

import static org.kdcmail.kdc.protocol.enrollment.EnrollmentProtocol.*;

import org.kdcmail.kdc.protocol.field.FieldPoint;

/**
 * Message 3, client → KDC: {@code 0x01 ‖ 0x03 ‖ code proof (32) ‖ AES-256-GCM(p1) (64 + 16)}; 114
 * bytes.
 */
public final class ClientPointsMessage {

  /** Length of the sealed p1. */
  static final int SEALED_BYTES = FieldPoint.ENCODED_BYTES + GCM_TAG_BYTES;

  /** Encoded length. */
  public static final int ENCODED_BYTES = 2 + MAC_BYTES + SEALED_BYTES;

  private final byte[] codeProof;
  private final byte[] sealedPoint;

  ClientPointsMessage(byte[] codeProof, byte[] sealedPoint) {
    this.codeProof = codeProof.clone();
    this.sealedPoint = sealedPoint.clone();
  }

  byte[] codeProof() {
    return codeProof;
  }

  byte[] sealedPoint() {
    return sealedPoint;
  }

  /** The wire encoding. */
  public byte[] encode() {
    return new Wire.Writer(MessageType.CLIENT_POINTS)
        .bytes(codeProof)
        .bytes(sealedPoint)
        .toByteArray();
  }

  /**
   * Decodes exactly one message 3.
   *
   * @throws EnrollmentException on any length, version or type error
   */
  public static ClientPointsMessage decode(byte[] encoded) throws EnrollmentException {
    Wire.Reader r = new Wire.Reader(encoded, MessageType.CLIENT_POINTS);
    ClientPointsMessage m = new ClientPointsMessage(r.bytes(MAC_BYTES), r.bytes(SEALED_BYTES));
    r.finish();
    return m;
  }
}
