/**
 * Server side of administration: writing the admin token file with owner-only permissions and
 * authenticating {@code ADMIN_REQUEST} frames (loopback peers only, token compared in constant
 * time) before an {@link org.kdcmail.kdc.server.admin.AdminCommandHandler} sees them.
 */
package org.kdcmail.kdc.server.admin;
