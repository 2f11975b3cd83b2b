package org.kdcmail.kdc.server;

import java.util.Optional;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.server.transport.ConnectionContext;
import org.kdcmail.kdc.server.transport.Conversation;

/**
 * A connection carrying directory lookups, any number in a row. A malformed lookup, or any other
 * frame, closes the connection; refusals (unknown requester, clock skew) do not.
 */
final class DirectoryConversation implements Conversation {
  private final DirectoryLookupService directory;
  private final ConnectionContext context;

  DirectoryConversation(DirectoryLookupService directory, ConnectionContext context) {
    this.directory = directory;
    this.context = context;
  }

  @Override
  public Optional<Frame> onFrame(Frame frame) {
    if (frame.type() != FrameType.DIRECTORY_LOOKUP_REQUEST) {
      return Optional.of(close("unexpected " + frame.type()));
    }
    try {
      return Optional.of(directory.lookup(frame.payload()));
    } catch (SessionException e) {
      return Optional.of(close("malformed request"));
    }
  }

  private Frame close(String message) {
    context.closeAfterReply();
    return SessionChecks.refuse(SessionError.BAD_REQUEST, message);
  }
}
