package org.kdcmail.kdc.server.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link Issuance} with its keys already sealed under the KEK and its recipient list encoded for
 * its row ({@link InlineRecipients}; empty when too long for it), ready to be inserted: this work
 * happens on the requesting thread, so the group committer only writes rows.
 */
record SealedIssuance(
    String keyId,
    String sender,
    long issuedAtMillis,
    long notAfterMillis,
    IssuanceProvenance provenance,
    byte[] sealedSessionKey,
    Map<String, byte[]> sealedPairwiseKeys,
    Optional<byte[]> inlineRecipients) {

  SealedIssuance {
    sealedPairwiseKeys = Collections.unmodifiableMap(new LinkedHashMap<>(sealedPairwiseKeys));
  }

  /** Encodes the recipient list for the issuance's row. */
  SealedIssuance(
      String keyId,
      String sender,
      long issuedAtMillis,
      long notAfterMillis,
      IssuanceProvenance provenance,
      byte[] sealedSessionKey,
      Map<String, byte[]> sealedPairwiseKeys) {
    this(
        keyId,
        sender,
        issuedAtMillis,
        notAfterMillis,
        provenance,
        sealedSessionKey,
        sealedPairwiseKeys,
        InlineRecipients.encode(sealedPairwiseKeys));
  }

  /** The detail of its {@code issuance} audit entry (never a key). */
  String auditDetail() {
    return "recipients="
        + sealedPairwiseKeys.size()
        + " batch="
        + provenance.batchId()
        + " source="
        + provenance.sourceId()
        + " ("
        + provenance.sourceKind()
        + ")";
  }
}
