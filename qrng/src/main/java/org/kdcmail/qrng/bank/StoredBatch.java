package org.kdcmail.qrng.bank;

/** One batch row: provenance, format version and the HKDF salt of its batch key. */
record StoredBatch(KeyProvenance provenance, int formatVersion, byte[] salt) {}
