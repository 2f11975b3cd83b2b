package org.kdcmail.mime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kdcmail.kdc.protocol.session.RecipientTicket;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKeyClient;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.secrets.SecretBytes;

/**
 * The bridge between the KDC's session-key protocol (docs/protocol.md §5) and the mail format: a
 * sender's {@link SessionGrant} becomes the {@link SessionMaterial} a copy is wrapped with, and a
 * recipient's master key becomes the {@link TicketOpener} that unwrap uses.
 */
public final class KdcTickets {
  private KdcTickets() {}

  /**
   * The material for one wrapped copy addressed to {@code recipients} (the To/Cc recipients, or one
   * Bcc recipient), each of whom must hold a ticket in {@code grant}.
   *
   * @param keyConfirmations per recipient, the seed's Enc(ID_A, N) under K_AB (may be empty)
   * @throws IllegalArgumentException when the grant holds no ticket for one of the recipients
   */
  public static SessionMaterial material(
      SessionGrant grant,
      String sender,
      String kdcId,
      List<String> recipients,
      Map<String, byte[]> keyConfirmations) {
    List<RecipientGrant> grants = new ArrayList<>();
    for (String recipient : recipients) {
      RecipientTicket ticket =
          grant.tickets().stream()
              .filter(t -> t.recipient().equals(recipient))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException("no ticket for " + recipient + " in the grant"));
      grants.add(
          new RecipientGrant(
              recipient,
              ticket.ticket(),
              SecretBytes.wrap(ticket.pairwiseKey().copyBytes()),
              keyConfirmations.getOrDefault(recipient, new byte[0])));
    }
    return new SessionMaterial(
        grant.keyId().toString(),
        sender,
        kdcId,
        SecretBytes.wrap(grant.sessionKey().copyBytes()),
        grants);
  }

  /**
   * Opens tickets sealed for {@code recipient}'s master key, checking their times on {@code clock}.
   */
  public static TicketOpener opener(UserKey recipient, Clock clock) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(clock, "clock");
    return (ticket, addressee) -> {
      if (!addressee.equals(recipient.identity())) {
        throw new java.security.GeneralSecurityException("not this recipient's ticket");
      }
      org.kdcmail.kdc.protocol.session.OpenedTicket opened =
          SessionKeyClient.openTicket(ticket, recipient, clock);
      try {
        return new OpenedTicket(
            opened.keyId().toString(),
            opened.sender(),
            opened.recipients(),
            SecretBytes.wrap(opened.sessionKey().copyBytes()),
            SecretBytes.wrap(opened.pairwiseKey().copyBytes()),
            opened.issuedAt(),
            opened.notAfter());
      } finally {
        opened.destroy();
      }
    };
  }
}
