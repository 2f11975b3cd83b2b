package org.kdcmail.gateway.pop3;

import org.kdcmail.gateway.keys.KeyLease;
import org.kdcmail.gateway.keys.MasterKeyLockedException;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.kdc.protocol.session.UserKey;

/**
 * The user's master key for one client command: leased from the cache on first use, so a command
 * that meets only plaintext never touches the key, and a LIST over many encrypted messages takes
 * one lease (one "message" under the per-message cache policy). Closing zeroizes the lease.
 */
final class CommandKey implements AutoCloseable {
  private final UnlockedKeys keys;
  private final String user;
  private KeyLease lease;

  CommandKey(UnlockedKeys keys, String user) {
    this.keys = keys;
    this.user = user;
  }

  /**
   * The key, leased now if not yet.
   *
   * @throws MasterKeyLockedException if the user's key is not unlocked
   */
  UserKey get() throws MasterKeyLockedException {
    if (lease == null) {
      lease = keys.lease(user);
    }
    return lease.key();
  }

  @Override
  public void close() {
    if (lease != null) {
      lease.close();
      lease = null;
    }
  }
}
