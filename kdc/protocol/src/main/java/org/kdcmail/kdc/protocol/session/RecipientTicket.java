package org.kdcmail.kdc.protocol.session;

import java.util.Objects;

/**
 * One known recipient in a {@link SessionGrant}: its identity, the pairwise key K_AB shared only
 * with it, and its ticket (opaque to A; travels in that recipient's copy of the mail).
 */
public record RecipientTicket(String recipient, PairwiseKey pairwiseKey, byte[] ticket) {
  public RecipientTicket {
    SessionWire.identityBytes(recipient);
    Objects.requireNonNull(pairwiseKey, "pairwiseKey");
    ticket = ticket.clone();
  }

  @Override
  public byte[] ticket() {
    return ticket.clone();
  }

  @Override
  public String toString() {
    return "RecipientTicket[" + recipient + ", " + ticket.length + " bytes]";
  }
}
