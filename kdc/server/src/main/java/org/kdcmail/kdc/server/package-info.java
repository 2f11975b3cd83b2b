/**
 * The KDC service: {@link org.kdcmail.kdc.server.KdcInitializer} creates a KDC's folder and {@link
 * org.kdcmail.kdc.server.KdcServer} runs it — the KEK unwrapped with the admin passphrase, the
 * store, the identity key, the health-tested randomness with its key bank, and the TCP listener
 * that serves enrollments and admin requests (docs/protocol.md §4).
 */
package org.kdcmail.kdc.server;
