package org.kdcmail.kdc.protocol.enrollment;

import static org.kdcmail.kdc.protocol.enrollment.EnrollmentProtocol.*;

import org.kdcmail.kdc.protocol.field.FieldPoint;

/**
 * Message 4, KDC → client: {@code 0x01 ‖ 0x04 ‖ AES-256-GCM(p2 ‖ p3 ‖ p4 ‖ p5) (256 + 16)}; 274
 * bytes.
 */
public final class ServerPointsMessage {

  /** Length of the sealed points. */
  static final int SEALED_BYTES = SERVER_POINTS * FieldPoint.ENCODED_BYTES + GCM_TAG_BYTES;

  /** Encoded length. */
  public static final int ENCODED_BYTES = 2 + SEALED_BYTES;

  private final byte[] sealedPoints;

  ServerPointsMessage(byte[] sealedPoints) {
    this.sealedPoints = sealedPoints.clone();
  }

  byte[] sealedPoints() {
    return sealedPoints;
  }

  /** The wire encoding. */
  public byte[] encode() {
    return new Wire.Writer(MessageType.SERVER_POINTS).bytes(sealedPoints).toByteArray();
  }

  /**
   * Decodes exactly one message 4.
   *
   * @throws EnrollmentException on any length, version or type error
   */
  public static ServerPointsMessage decode(byte[] encoded) throws EnrollmentException {
    Wire.Reader r = new Wire.Reader(encoded, MessageType.SERVER_POINTS);
    ServerPointsMessage m = new ServerPointsMessage(r.bytes(SEALED_BYTES));
    r.finish();
    return m;
  }
}
