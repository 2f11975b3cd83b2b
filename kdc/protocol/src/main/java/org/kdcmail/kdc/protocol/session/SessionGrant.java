package org.kdcmail.kdc.protocol.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A verified reply: K_S, the key id, the validity, one {@link RecipientTicket} per known recipient
 * (request order) and the recipients the KDC does not know. {@link #destroy()} zeroizes K_S and
 * every K_AB.
 */
public record SessionGrant(
    SessionKey sessionKey,
    SessionKeyId keyId,
    Instant issuedAt,
    Instant notAfter,
    List<RecipientTicket> tickets,
    List<String> unknownRecipients)
    implements Destroyable {
  public SessionGrant {
    Objects.requireNonNull(sessionKey, "sessionKey");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(notAfter, "notAfter");
    tickets = List.copyOf(tickets);
    unknownRecipients = List.copyOf(unknownRecipients);
  }

  @Override
  public void destroy() {
    sessionKey.destroy();
    tickets.forEach(t -> t.pairwiseKey().destroy());
  }

  @Override
  public boolean isDestroyed() {
    return sessionKey.isDestroyed();
  }
}
