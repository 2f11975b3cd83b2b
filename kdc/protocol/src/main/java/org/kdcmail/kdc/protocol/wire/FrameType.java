package org.kdcmail.kdc.protocol.wire;

import java.util.Optional;

/**
 * The type of a frame, with a stable one-byte code on the wire. Codes are never reused or
 * renumbered; gaps are reserved: {@code 0x20..0x2F} for session-key messages, {@code 0x30..0x3F}
 * for later KDC messages. Code {@code 0x00} is never valid.
 */
public enum FrameType {
  /** An {@link ErrorFrame}; the sender closes the connection after it. */
  ERROR(0x01),
  ENROLL_CLIENT_HELLO(0x10),
  ENROLL_SERVER_HELLO(0x11),
  ENROLL_CLIENT_POINTS(0x12),
  ENROLL_SERVER_POINTS(0x13),
  ENROLL_CLIENT_CONFIRM(0x14),
  ENROLL_SERVER_CONFIRM(0x15),
  /** A → KDC: {@code SessionKeyRequest} (docs/protocol.md §5). {@code 0x20} stays unassigned. */
  SESSION_KEY_REQUEST(0x21),
  /** KDC → A: {@code SessionKeyReply} with the tickets. */
  SESSION_KEY_REPLY(0x22),
  /** B → KDC: fetch a ticket again by key id. */
  TICKET_FETCH_REQUEST(0x23),
  /** KDC → B: the fetched ticket. */
  TICKET_FETCH_REPLY(0x24),
  /** A → KDC: which of these addresses are enrolled and active (docs/protocol.md §5.8). */
  DIRECTORY_LOOKUP_REQUEST(0x25),
  /** KDC → A: the directory answer, sealed under A's master key. */
  DIRECTORY_LOOKUP_REPLY(0x26),
  /** An {@code AdminRequest} (token and command), accepted from loopback peers only. */
  ADMIN_REQUEST(0x40),
  /** An {@code AdminResponse} (status and body). */
  ADMIN_RESPONSE(0x41);

  private static final FrameType[] BY_CODE = new FrameType[256];

  static {
    for (FrameType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;

  FrameType(int code) {
    this.code = code;
  }

  /** The wire code, {@code 0x01..0xFF}. */
  public int code() {
    return code;
  }

  /** The type with this wire code; empty for an unassigned code or one outside a byte. */
  public static Optional<FrameType> fromCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_CODE[code]);
  }
}
