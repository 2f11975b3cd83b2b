/**
 * The KDC protocol library: the prime field, enrollment and session-key message types, tickets and
 * the KDC client. Small and free of any database, so that clients can carry it.
 */
package org.kdcmail.kdc.protocol;
