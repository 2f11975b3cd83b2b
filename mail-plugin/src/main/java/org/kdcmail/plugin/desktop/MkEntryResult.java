package org.kdcmail.plugin.desktop;

import java.util.Objects;

/** What an {@link MkEntryHandler} made of one MK prompt entry. */
public sealed interface MkEntryResult {

  /** The entry was right and the key is unlocked: the prompt closes. */
  record Accepted() implements MkEntryResult {}

  /** The master key ID or password is wrong (not told apart): the prompt asks again. */
  record Wrong() implements MkEntryResult {}

  /**
   * The check could not be made (no store, wrong login password, gateway unreachable): the prompt
   * shows {@code message} and stays open.
   *
   * @param message one line for the user, without secrets
   */
  record Failed(String message) implements MkEntryResult {
    public Failed {
      Objects.requireNonNull(message, "message");
    }
  }

  /** {@link Accepted}. */
  static MkEntryResult accepted() {
    return new Accepted();
  }

  /** {@link Wrong}. */
  static MkEntryResult wrong() {
    return new Wrong();
  }

  /** {@link Failed} with this message. */
  static MkEntryResult failed(String message) {
    return new Failed(message);
  }
}
