package org.kdcmail.qrng.bank;

/** One key row as read from the store: still encrypted. */
record StoredKey(long slot, BatchId batchId, int sequence, byte[] ciphertext) {
  KeyId id() {
    return new KeyId(batchId, sequence);
  }
}
