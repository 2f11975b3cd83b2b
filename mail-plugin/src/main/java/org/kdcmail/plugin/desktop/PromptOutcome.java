package org.kdcmail.plugin.desktop;

/** How an MK prompt ended. */
public enum PromptOutcome {
  /** The handler accepted an entry: the key is unlocked. */
  UNLOCKED,
  /** The user pressed Back (or closed the window), or the caller dismissed the prompt. */
  CANCELLED
}
