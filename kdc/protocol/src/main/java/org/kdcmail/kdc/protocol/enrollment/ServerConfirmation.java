package org.kdcmail.kdc.protocol.enrollment;

import static org.kdcmail.kdc.protocol.enrollment.EnrollmentProtocol.MAC_BYTES;

/**
 * Message 6, KDC → client (key confirmation): {@code 0x01 ‖ 0x06 ‖ HMAC-SHA256 tag (32)}; 34 bytes.
 * The tag proves the KDC derived the same master key over the same transcript.
 */
public final class ServerConfirmation {

  /** Encoded length. */
  public static final int ENCODED_BYTES = 2 + MAC_BYTES;

  private final byte[] tag;

  ServerConfirmation(byte[] tag) {
    this.tag = tag.clone();
  }

  byte[] tag() {
    return tag;
  }

  /** The wire encoding. */
  public byte[] encode() {
    return new Wire.Writer(MessageType.SERVER_CONFIRMATION).bytes(tag).toByteArray();
  }

  /**
   * Decodes exactly one message 6.
   *
   * @throws EnrollmentException on any length, version or type error
   */
  public static ServerConfirmation decode(byte[] encoded) throws EnrollmentException {
    Wire.Reader r = new Wire.Reader(encoded, MessageType.SERVER_CONFIRMATION);
    ServerConfirmation m = new ServerConfirmation(r.bytes(MAC_BYTES));
    r.finish();
    return m;
  }
}
