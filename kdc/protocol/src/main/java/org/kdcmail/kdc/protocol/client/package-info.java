/**
 * A small blocking KDC client: {@link org.kdcmail.kdc.protocol.client.KdcConnection} is one TCP
 * connection, frames in and out, bounded timeouts; {@link
 * org.kdcmail.kdc.protocol.client.KdcClient} tries a list of KDC addresses in order with fail-over
 * and asks for session keys and tickets. Error messages say what to check: {@code KDC unreachable
 * at 127.0.0.1:7750: connection refused}, or the KDC's own refusal such as {@code clock skew 412 s
 * exceeds 300 s}.
 */
package org.kdcmail.kdc.protocol.client;
