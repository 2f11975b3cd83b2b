/**
 * Administration over the wire: the admin token (32 random bytes in an owner-only file in the KDC's
 * folder) and the byte-exact {@code ADMIN_REQUEST} / {@code ADMIN_RESPONSE} payloads. Admin
 * commands never prompt: the token file is the credential.
 */
package org.kdcmail.kdc.protocol.admin;
