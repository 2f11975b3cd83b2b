/**
 * The KDC service: enrollment, session-key issuance, its store, KEK handling, audit log and
 * administration.
 */
package org.kdcmail.kdc.server;
