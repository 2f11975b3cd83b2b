package org.kdcmail.kdc.protocol.enrollment;

import java.util.Objects;

/**
 * The KDC's refusal, sent instead of any KDC → client message: {@code 0x01 ‖ 0x7F ‖ reason code
 * (1)}; 3 bytes. Carries no secret and no detail beyond the reason.
 */
public record EnrollmentError(Reason reason) {

  /** Encoded length. */
  public static final int ENCODED_BYTES = 3;

  /** Why the KDC refused. */
  public enum Reason {
    /** The enrollment code proof did not verify (the attempt was counted). */
    BAD_CODE(0x01),
    /** Too many wrong codes: the invitation is locked; ask the admin for a new one. */
    INVITATION_LOCKED(0x02),
    /** The invitation expired or was already used. */
    EXPIRED(0x03),
    /** Unknown invitation id or username not matching the invitation. */
    UNKNOWN_INVITATION(0x04),
    /** Malformed, out-of-order or cryptographically invalid message. */
    PROTOCOL_ERROR(0x05),
    /** The key confirmation (message 5) did not verify; nothing was stored. */
    CONFIRMATION_FAILED(0x06),
    /** The KDC cannot enroll now (e.g. its key source failed a health test). */
    UNAVAILABLE(0x07);

    private final byte code;

    Reason(int code) {
      this.code = (byte) code;
    }

    /** The code byte on the wire. */
    public byte code() {
      return code;
    }
  }

  public EnrollmentError {
    Objects.requireNonNull(reason, "reason");
  }

  /** The wire encoding. */
  public byte[] encode() {
    return new Wire.Writer(MessageType.ERROR).u8(reason.code() & 0xFF).toByteArray();
  }

  /**
   * Decodes exactly one error message.
   *
   * @throws EnrollmentException on any length, version or type error, or an unknown reason code
   */
  public static EnrollmentError decode(byte[] encoded) throws EnrollmentException {
    Wire.Reader r = new Wire.Reader(encoded, MessageType.ERROR);
    int code = r.u8();
    r.finish();
    for (Reason reason : Reason.values()) {
      if ((reason.code() & 0xFF) == code) {
        return new EnrollmentError(reason);
      }
    }
    throw EnrollmentException.malformed();
  }
}
