/**
 * A small blocking KDC client: one TCP connection, frames in and out, bounded timeouts, and error
 * messages that say what to check.
 */
package org.kdcmail.kdc.protocol.client;
