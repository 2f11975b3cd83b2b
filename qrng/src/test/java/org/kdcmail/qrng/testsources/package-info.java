/**
 * Deterministic and deliberately broken entropy sources for tests in this module: stuck, biased,
 * APT-only, short-reading, replaying and a healthy SecureRandom-backed source. Test scope only.
 */
package org.kdcmail.qrng.testsources;
