/**
 * Randomness for every key kdcmail hands out: entropy sources (a QRNG device, or the operating
 * system when explicitly configured and labelled "not quantum"), the SP 800-90B continuous health
 * tests that guard them, the SP 800-90A DRBG they seed, and the durable key bank.
 *
 * <p>Nothing in this package falls back silently: a source that fails a health test enters a FAILED
 * state and stops producing output until an operator resets it.
 */
package org.kdcmail.qrng;
