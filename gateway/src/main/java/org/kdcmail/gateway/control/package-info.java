/**
 * The unlock channel between the {@code kdcmail} command and a running gateway: the bearer tokens
 * that authenticate it (one per user in the user's folder, one for the gateway's owner), the wire
 * format of its requests and answers, and the client the command uses. The server side is in {@link
 * org.kdcmail.gateway.http}.
 */
package org.kdcmail.gateway.control;
