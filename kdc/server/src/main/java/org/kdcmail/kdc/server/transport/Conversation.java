package org.kdcmail.kdc.server.transport;

import java.util.Optional;
import org.kdcmail.kdc.protocol.wire.Frame;

/**
 * The server side of one connection: receives each frame in order on one thread. To end the
 * connection after a reply, call {@link ConnectionContext#closeAfterReply()} before returning it.
 * An exception ends the connection with an {@code INTERNAL_ERROR} frame; its details go to the log
 * only.
 */
public interface Conversation {

  /**
   * Handles one frame.
   *
   * @return the reply to send, or empty to send nothing and wait for the next frame
   */
  Optional<Frame> onFrame(Frame frame) throws Exception;

  /** Called once when the connection ends, however it ends. */
  default void onClose() {}
}
