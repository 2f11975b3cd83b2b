/**
 * The gateway's SMTP side: a James protocols SMTP server facing mail clients (AUTH checked against
 * the office server, STARTTLS, bounded inputs, DATA spooled to sealed files), the per-message
 * pipeline (sender checks, master key lease, KDC requests for the visible and each Bcc copy, the
 * policy for recipients who are not enrolled, wrapping) and the pooled Angus Mail relay to the
 * office SMTP server.
 */
package org.kdcmail.gateway.smtp;
