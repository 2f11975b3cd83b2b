package org.kdcmail.kdc.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded issuance as read back, without its keys (open them with {@link
 * IssuanceLedger#openSessionKey} / {@link IssuanceLedger#openPairwiseKey}).
 *
 * @param recipients in the order recorded
 * @param revokedAt when it was revoked, if it was
 */
public record IssuanceRecord(
    String keyId,
    String sender,
    List<String> recipients,
    Instant issuedAt,
    Instant notAfter,
    IssuanceProvenance provenance,
    IssuanceState state,
    Optional<Instant> revokedAt) {
  public IssuanceRecord {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(sender, "sender");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }
}
