package org.kdcmail.gateway.prompt;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What {@link MkEntryUnlock} made of one MK entry. */
public sealed interface MkEntryOutcome {

  /** The key is unlocked; {@code expiresAt} is empty under the per-message policy. */
  record Unlocked(Optional<Instant> expiresAt) implements MkEntryOutcome {
    public Unlocked {
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /** The MK-ID or MK password is wrong (not told apart); nothing was unlocked. */
  record WrongMasterKey() implements MkEntryOutcome {}

  /** No login password is remembered for the user and none was given. */
  record LoginPasswordNeeded() implements MkEntryOutcome {}

  /** The login password does not open the user's client store (a remembered one is forgotten). */
  record WrongLoginPassword() implements MkEntryOutcome {}

  /** The store's unlock throttle asks to wait {@code seconds} before the next attempt. */
  record Throttled(long seconds) implements MkEntryOutcome {}

  /** The user has no usable client store in the gateway's home; {@code message} says why. */
  record NoStore(String message) implements MkEntryOutcome {
    public NoStore {
      Objects.requireNonNull(message, "message");
    }
  }
}
