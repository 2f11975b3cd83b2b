package org.kdcmail.mime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.kdcmail.secrets.SecretBytes;

/**
 * The content of a ticket after {@link TicketOpener#open}: what the KDC vouched for. {@link
 * MailUnwrapper} checks it against the envelope and destroys both keys when the copy is read.
 *
 * @param keyId the message key id
 * @param sender the sender the KDC issued K_S to
 * @param recipients every recipient the KDC issued this key for
 * @param sessionKey K_S, 32 bytes
 * @param pairwiseKey K_AB between sender and this recipient, 32 bytes
 * @param issuedAt when the KDC issued the key
 * @param notAfter when the ticket expires
 */
public record OpenedTicket(
    String keyId,
    String sender,
    List<String> recipients,
    SecretBytes sessionKey,
    SecretBytes pairwiseKey,
    Instant issuedAt,
    Instant notAfter)
    implements Destroyable {

  /** Validates the fields; copies the recipient list. */
  public OpenedTicket {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(sender, "sender");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(sessionKey, "sessionKey");
    Objects.requireNonNull(pairwiseKey, "pairwiseKey");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(notAfter, "notAfter");
    if (sessionKey.length() != 32 || pairwiseKey.length() != 32) {
      throw new IllegalArgumentException("keys must be 32 bytes");
    }
  }

  /** Destroys K_S and K_AB. */
  @Override
  public void destroy() {
    sessionKey.destroy();
    pairwiseKey.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return sessionKey.isDestroyed() && pairwiseKey.isDestroyed();
  }

  @Override
  public String toString() {
    return "OpenedTicket[" + keyId + ", " + recipients.size() + " recipients]";
  }
}
