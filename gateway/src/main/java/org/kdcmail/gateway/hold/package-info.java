/**
 * The durable spool of messages held until their recipients enroll: sealed message and login files
 * readable only with the sender's master key, and clear records for {@code kdcmail admin held}.
 */
package org.kdcmail.gateway.hold;
