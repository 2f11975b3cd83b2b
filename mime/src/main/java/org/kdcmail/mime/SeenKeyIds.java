package org.kdcmail.mime;

/**
 * The reader's record of message key ids already read (the replay cache). {@link MailUnwrapper}
 * calls it only after a copy has fully verified, so forged mail cannot fill it.
 */
@FunctionalInterface
public interface SeenKeyIds {

  /** A cache that remembers nothing: no message is ever flagged as a replay. */
  SeenKeyIds NONE = (keyId, recipient) -> true;

  /**
   * Records {@code keyId} as read by {@code recipient}.
   *
   * @return true the first time, false if it was already recorded
   */
  boolean markSeen(String keyId, String recipient);
}
