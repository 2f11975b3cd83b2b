package org.kdcmail.plugin.desktop;

import java.io.IOException;
import org.kdcmail.kdc.protocol.MasterKey;

/**
 * Where a key unlocked on the desktop goes: the gateway's unlock endpoint, or an in-process cache.
 * Owns the key from the call on and destroys it when done, also when it throws.
 */
@FunctionalInterface
public interface UnlockedKeyReceiver {

  /**
   * Takes {@code user}'s unlocked master key.
   *
   * @throws IOException if it cannot be handed on (e.g. the gateway is not running)
   */
  void accept(String user, MasterKey key) throws IOException;
}
