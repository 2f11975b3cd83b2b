package org.kdcmail.gateway.pop3;

import java.util.Locale;

/** What the gateway did with one message it handed to a client (a metrics tag). */
enum MessageStatus {
  /** A kdcmail message, decrypted and verified. */
  DECRYPTED,
  /**
   * Decrypted and verified, but its key id was read before in another message (resent or replayed).
   */
  DUPLICATE,
  /** A kdcmail message that could not be decrypted: returned unchanged, marked failed. */
  FAILED,
  /** A plaintext message. */
  NOT_ENCRYPTED,
  /** A plaintext message claiming a sender who should have encrypted it: marked with a warning. */
  UNEXPECTED_PLAINTEXT;

  /** The metrics tag value. */
  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
