/**
 * The key bank: 256-bit keys drawn ahead of time from the DRBG, kept encrypted at rest in an
 * embedded Derby database or in a PostgreSQL database shared by several KDC nodes, refilled in the
 * background and handed out at most once each.
 *
 * <p>This package owns the bank's storage format (see {@code docs/key-bank.md}), the reserve-and-
 * remove algorithm that makes {@link org.kdcmail.qrng.bank.KeyBank#take()} crash safe, and the
 * refill policy. {@link java.sql.SQLException} never leaves it: storage failures surface as {@link
 * org.kdcmail.qrng.bank.KeyBankStorageException}. Nothing here falls back to another randomness
 * source: when the generator fails and the bank runs dry, {@code take()} fails with {@link
 * org.kdcmail.qrng.bank.KeyBankUnavailableException}.
 */
package org.kdcmail.qrng.bank;
