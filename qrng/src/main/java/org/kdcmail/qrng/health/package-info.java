/**
 * The SP 800-90B continuous health tests (§4.3 start-up, §4.4.1 repetition count, §4.4.2 adaptive
 * proportion) and {@link org.kdcmail.qrng.health.HealthTestedSource}, the wrapper that puts every
 * raw entropy source behind them. A failed test moves the source to FAILED; it stays there until an
 * operator resets it.
 */
package org.kdcmail.qrng.health;
