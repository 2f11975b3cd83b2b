package org.kdcmail.plugin.desktop;

/**
 * Checks one entry of the MK prompt: a master key ID and password. Wired to the local {@link
 * org.kdcmail.plugin.unlock.Unlocker} ({@link LocalUnlockHandler}) or to the gateway's unlock
 * endpoint. Called off the event dispatch thread; may take seconds (Argon2id, the unlock throttle).
 * Must not keep the arrays: the prompt overwrites them with zeros as soon as this returns.
 */
@FunctionalInterface
public interface MkEntryHandler {

  /**
   * Checks the entry and, when it is right, unlocks (hands the key on).
   *
   * @return accepted, wrong, or failed with a message for the user
   * @throws InterruptedException if the prompt was closed while the check waited
   */
  MkEntryResult submit(char[] mkId, char[] mkPassword) throws InterruptedException;
}
