package org.kdcmail.gateway.keys;

import java.util.Objects;
import org.kdcmail.kdc.protocol.session.UserKey;

/**
 * A private copy of one user's master key for the length of one message. Closing it zeroizes the
 * copy; the cache's own copy is unaffected (or, under the per-message policy, already gone).
 */
public final class KeyLease implements AutoCloseable {
  private final UserKey key;

  KeyLease(UserKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The user's identity and master key; valid until {@link #close()}. */
  public UserKey key() {
    if (key.masterKey().isDestroyed()) {
      throw new IllegalStateException("this key lease is closed");
    }
    return key;
  }

  @Override
  public void close() {
    key.masterKey().destroy();
  }

  @Override
  public String toString() {
    return "KeyLease[" + key.identity() + "]";
  }
}
