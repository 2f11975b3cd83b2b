/**
 * Derivation of a user's master key (seed §3.2.2, hardened): the user's point p1 from username,
 * MK-ID and MK password through Argon2id ({@link
 * org.kdcmail.kdc.protocol.masterkey.UserPointDerivation}), and the master key and its verifier
 * from the five enrollment points through Lagrange interpolation at 0 and HKDF-SHA256 ({@link
 * org.kdcmail.kdc.protocol.masterkey.MasterKeyDerivation}). Byte layouts: docs/protocol.md.
 */
package org.kdcmail.kdc.protocol.masterkey;
