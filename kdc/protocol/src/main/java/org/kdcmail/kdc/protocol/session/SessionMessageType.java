package org.kdcmail.kdc.protocol.session;

/** The type byte (second byte) of every session and key-confirmation message. */
public enum SessionMessageType {
  /** A → KDC: {@code SessionKeyRequest}. */
  REQUEST(0x01),
  /** KDC → A: {@code SessionKeyReply}. */
  REPLY(0x02),
  /** KDC → B (inside the mail): a ticket. */
  TICKET(0x03),
  /** B → KDC: fetch a ticket again by key id. */
  FETCH_REQUEST(0x04),
  /** KDC → B: the fetched ticket. */
  FETCH_REPLY(0x05),
  /** A → B: key-confirmation challenge (seed step 3). */
  CONFIRM_CHALLENGE(0x06),
  /** B → A: key-confirmation answer (seed step 4). */
  CONFIRM_ANSWER(0x07),
  /** A → KDC: directory lookup (which addresses are enrolled). */
  DIRECTORY_REQUEST(0x08),
  /** KDC → A: the directory answer. */
  DIRECTORY_REPLY(0x09);

  private final byte code;

  SessionMessageType(int code) {
    this.code = (byte) code;
  }

  /** The type byte on the wire. */
  public byte code() {
    return code;
  }
}
