/**
 * The enrollment handshake (seed §3.2.2, docs/protocol.md): pure, I/O-free state machines ({@link
 * org.kdcmail.kdc.protocol.enrollment.EnrollmentClient}, {@link
 * org.kdcmail.kdc.protocol.enrollment.EnrollmentResponder}) and the byte-exact encodings of the six
 * enrollment messages plus the error message. A hybrid X25519 + ML-KEM-768 exchange, signed by the
 * KDC's pinned Ed25519 identity and bound to a one-time enrollment code, yields k1; the points
 * travel under AES-256-GCM keys derived from k1; key confirmation under the new master key ends it.
 *
 * <p>Transport (framing) and Lagrange interpolation belong to other packages: every message here is
 * one frame payload, and the caller turns the five points into the master key.
 */
package org.kdcmail.kdc.protocol.enrollment;
