package org.kdcmail.plugin.desktop;

import java.io.IOException;

/**
 * What "Lock now" does (the seed's Log Out): makes the gateway drop a user's key, e.g. through its
 * {@code /lock} endpoint. Called off the event dispatch thread.
 */
@FunctionalInterface
public interface LockHandler {

  /**
   * Locks {@code user} now.
   *
   * @throws IOException if it could not be done; the window shows the message
   */
  void lockNow(String user) throws IOException;
}
