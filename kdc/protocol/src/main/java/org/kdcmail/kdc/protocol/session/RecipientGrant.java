package org.kdcmail.kdc.protocol.session;

import java.util.Objects;
import org.kdcmail.kdc.protocol.MasterKey;

/**
 * The KDC's input for one known recipient B_i: its identity, its master key K_Bi (to seal the
 * ticket) and the fresh pairwise key K_ABi drawn for this issuance.
 */
public record RecipientGrant(String recipient, MasterKey recipientKey, PairwiseKey pairwiseKey) {
  public RecipientGrant {
    SessionWire.identityBytes(recipient);
    Objects.requireNonNull(recipientKey, "recipientKey");
    Objects.requireNonNull(pairwiseKey, "pairwiseKey");
  }

  @Override
  public String toString() {
    return "RecipientGrant[" + recipient + "]";
  }
}
