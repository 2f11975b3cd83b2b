package org.kdcmail.kdc.server.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link Issuance} with its keys already sealed under the KEK, ready to be inserted: sealing
 * happens on the requesting thread, so the group committer only writes rows.
 */
record SealedIssuance(
    String keyId,
    String sender,
    long issuedAtMillis,
    long notAfterMillis,
    IssuanceProvenance provenance,
    byte[] sealedSessionKey,
    Map<String, byte[]> sealedPairwiseKeys) {

  SealedIssuance {
    sealedPairwiseKeys = Collections.unmodifiableMap(new LinkedHashMap<>(sealedPairwiseKeys));
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
