/**
 * The KDC's key-encryption key (KEK): generated once at {@code kdc init}, kept on disk only in
 * {@code kek.wrapped}, wrapped under a key derived from the admin passphrase with Argon2id. Once
 * unlocked, {@link org.kdcmail.kdc.server.kek.KdcKek} derives purpose-bound sealing and MAC keys
 * for the KDC store and the key-encryption key of the qrng key bank; the KEK bytes themselves never
 * leave this package. File format: {@code docs/storage.md}.
 */
package org.kdcmail.kdc.server.kek;
