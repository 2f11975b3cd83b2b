/**
 * The gateway's POP3 front: a James POP3 server facing mail clients, a small POP3 client facing the
 * office server with each client's own credentials, and the per-session processing that decrypts
 * kdcmail messages, marks every message with {@code X-Kdcmail-Status} and keeps the processed bytes
 * (sealed when on disk) so sizes match what RETR sends. Deletion reaches the office server only
 * with the client's QUIT.
 */
package org.kdcmail.gateway.pop3;
