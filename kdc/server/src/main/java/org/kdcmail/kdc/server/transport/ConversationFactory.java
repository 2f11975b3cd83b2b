package org.kdcmail.kdc.server.transport;

/** Creates one {@link Conversation} per accepted connection. Called from connection threads. */
@FunctionalInterface
public interface ConversationFactory {

  /** A new conversation for the connection described by {@code context}. */
  Conversation create(ConnectionContext context);
}
