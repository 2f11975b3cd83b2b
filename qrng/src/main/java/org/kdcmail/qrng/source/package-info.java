/**
 * Raw entropy sources: a QRNG character device (or file) and the operating system's pool, and the
 * spec strings ({@code device:PATH[?h=BITS]}, {@code system}) that name them in configuration and
 * on the command line. Their output is raw and must pass the health tests in {@code
 * org.kdcmail.qrng.health} before use.
 */
package org.kdcmail.qrng.source;
