package org.kdcmail.kdc.protocol.enrollment;

import static org.kdcmail.kdc.protocol.enrollment.EnrollmentProtocol.MAC_BYTES;

/**
 * Message 5, client → KDC (key confirmation): {@code 0x01 ‖ 0x05 ‖ HMAC-SHA256 tag (32)}; 34 bytes.
 * The tag proves the client derived the same master key over the same transcript.
 */
public final class ClientConfirmation {

  /** Encoded length. */
  public static final int ENCODED_BYTES = 2 + MAC_BYTES;

  private final byte[] tag;

  ClientConfirmation(byte[] tag) {
    this.tag = tag.clone();
  }

  byte[] tag() {
    return tag;
  }

  /** The wire encoding. */
  public byte[] encode() {
    return new Wire.Writer(MessageType.CLIENT_CONFIRMATION).bytes(tag).toByteArray();
  }

  /**
   * Decodes exactly one message 5.
   *
   * @throws EnrollmentException on any length, version or type error
   */
  public static ClientConfirmation decode(byte[] encoded) throws EnrollmentException {
    Wire.Reader r = new Wire.Reader(encoded, MessageType.CLIENT_CONFIRMATION);
    ClientConfirmation m = new ClientConfirmation(r.bytes(MAC_BYTES));
    r.finish();
    return m;
  }
}
