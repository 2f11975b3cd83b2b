package org.kdcmail.plugin.desktop;

import java.io.IOException;
import java.util.List;

/**
 * Where the status window reads who is locked or unlocked, e.g. the gateway's {@code /status}.
 * Called off the event dispatch thread every few seconds.
 */
@FunctionalInterface
public interface StatusSource {

  /**
   * The users now, in display order.
   *
   * @throws IOException if the source cannot be reached; the window says so and tries again
   */
  List<UserStatus> current() throws IOException;
}
