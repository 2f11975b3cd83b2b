package org.kdcmail.kdc.protocol.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A ticket that opened under the recipient's master key and passed its checks: K_S, this
 * recipient's pairwise key K_AB, the sender, the recipient list the request named, the key id and
 * the validity. {@link #destroy()} zeroizes both keys.
 */
public record OpenedTicket(
    SessionKey sessionKey,
    PairwiseKey pairwiseKey,
    SessionKeyId keyId,
    String sender,
    String recipient,
    List<String> recipients,
    Instant issuedAt,
    Instant notAfter)
    implements Destroyable {
  public OpenedTicket {
    Objects.requireNonNull(sessionKey, "sessionKey");
    Objects.requireNonNull(pairwiseKey, "pairwiseKey");
    Objects.requireNonNull(keyId, "keyId");
    SessionWire.identityBytes(sender);
    SessionWire.identityBytes(recipient);
    recipients = SessionWire.recipients(recipients);
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(notAfter, "notAfter");
  }

  @Override
  public void destroy() {
    sessionKey.destroy();
    pairwiseKey.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return sessionKey.isDestroyed() && pairwiseKey.isDestroyed();
  }
}
