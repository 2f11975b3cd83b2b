package org.kdcmail.kdc.protocol.enrollment;

/**
 * The type byte (second byte, after the version) of every enrollment message. {@link #of(byte[])}
 * lets a transport dispatch a received frame, e.g. a ServerHello versus an {@link EnrollmentError}.
 */
public enum MessageType {
  CLIENT_HELLO(0x01),
  SERVER_HELLO(0x02),
  CLIENT_POINTS(0x03),
  SERVER_POINTS(0x04),
  CLIENT_CONFIRMATION(0x05),
  SERVER_CONFIRMATION(0x06),
  ERROR(0x7F);

  private final byte code;

  MessageType(int code) {
    this.code = (byte) code;
  }

  /** The type byte on the wire. */
  public byte code() {
    return code;
  }

  /**
   * The type of a received message.
   *
   * @throws EnrollmentException when the frame is shorter than two bytes, has another version or an
   *     unknown type
   */
  public static MessageType of(byte[] frame) throws EnrollmentException {
    if (frame == null || frame.length < 2 || frame[0] != EnrollmentProtocol.VERSION) {
      throw EnrollmentException.malformed();
    }
    for (MessageType t : values()) {
      if (t.code == frame[1]) {
        return t;
      }
    }
    throw EnrollmentException.malformed();
  }
}
