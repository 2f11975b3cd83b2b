/**
 * The KDC protocol library: the prime field and Lagrange interpolation, the master key, the
 * enrollment and session-key message types, the wire format and the KDC client. Small and free of
 * any database, so that clients (gateway, plugin) can carry it.
 */
package org.kdcmail.kdc.protocol;
