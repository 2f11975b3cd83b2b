/**
 * Session keys (seed §3.2.1 steps 1–2, Needham–Schroeder with nonces, timestamps and AEAD as in
 * Kerberos; docs/protocol.md §5): the byte-exact request, reply, ticket and ticket-fetch messages,
 * the sender's client ({@link org.kdcmail.kdc.protocol.session.SessionKeyClient}), the KDC's pure
 * helpers ({@link org.kdcmail.kdc.protocol.session.SessionRequestOpener}, {@link
 * org.kdcmail.kdc.protocol.session.SessionReplySealer}, {@link
 * org.kdcmail.kdc.protocol.session.ClockSkew}, {@link
 * org.kdcmail.kdc.protocol.session.TicketFetch}) and the error codes. I/O-free: each message is one
 * frame payload; the KDC server owns the database, the replay cache and the key bank.
 */
package org.kdcmail.kdc.protocol.session;
