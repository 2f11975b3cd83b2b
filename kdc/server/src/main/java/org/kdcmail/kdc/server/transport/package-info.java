/**
 * The KDC's TCP transport: a bounded, blocking frame server (loopback by default) with a connection
 * cap, a per-connection idle timeout and a maximum frame size, which hands each connection's frames
 * to one {@link org.kdcmail.kdc.server.transport.Conversation}. Bad input gets an error frame and a
 * closed connection, and is logged without its content.
 */
package org.kdcmail.kdc.server.transport;
