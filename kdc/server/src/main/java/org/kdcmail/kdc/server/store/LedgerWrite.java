package org.kdcmail.kdc.server.store;

import java.util.Optional;

/**
 * One item for the ledger's group commit: a request nonce to admit into the replay cache, an
 * issuance to record, or both (the issuance is then recorded only if the nonce is new).
 */
record LedgerWrite(Optional<RequestNonce> nonce, Optional<SealedIssuance> issuance) {
  LedgerWrite {
    if (nonce.isEmpty() && issuance.isEmpty()) {
      throw new IllegalArgumentException("a ledger write needs a nonce, an issuance or both");
    }
  }

  static LedgerWrite admit(RequestNonce nonce) {
    return new LedgerWrite(Optional.of(nonce), Optional.empty());
  }

  static LedgerWrite record(SealedIssuance issuance) {
    return new LedgerWrite(Optional.empty(), Optional.of(issuance));
  }

  static LedgerWrite admitAndRecord(RequestNonce nonce, SealedIssuance issuance) {
    return new LedgerWrite(Optional.of(nonce), Optional.of(issuance));
  }

  /** What happened to one {@link LedgerWrite} in its committed batch. */
  enum Outcome {
    /** The nonce (if any) was new and the issuance (if any) is recorded, with its audit entry. */
    DONE,
    /** The nonce was seen before: nothing recorded, a {@code replay_refused} entry appended. */
    REPLAY,
    /** The issuance's key id was recorded before: the issuance is not recorded. */
    DUPLICATE_KEY_ID
  }
}
