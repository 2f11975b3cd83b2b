/**
 * Client-side enrollment: runs the authenticated post-quantum handshake with the KDC over a {@link
 * org.kdcmail.kdc.protocol.client.KdcConnection}, derives the master key from p1..p5, and only
 * after the KDC's key confirmation writes the encrypted local store. Owns the mapping of KDC
 * refusals to user-facing messages ({@link org.kdcmail.plugin.enroll.EnrollmentRefusals}). See
 * docs/client-enrollment.md.
 */
package org.kdcmail.plugin.enroll;
