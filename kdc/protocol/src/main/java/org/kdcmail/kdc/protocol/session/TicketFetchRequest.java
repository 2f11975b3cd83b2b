package org.kdcmail.kdc.protocol.session;

import java.time.Instant;
import java.util.Objects;

/**
 * The authenticated body of a ticket fetch B → KDC: the recipient, the key id of the issuance, a
 * 16-byte nonce N_B and B's timestamp. The KDC checks skew and replay as for a session request,
 * then that the recipient was named in that issuance ({@link SessionError#NOT_A_RECIPIENT}).
 */
public record TicketFetchRequest(
    String recipient, SessionKeyId keyId, byte[] nonce, Instant timestamp) {
  public TicketFetchRequest {
    SessionWire.identityBytes(recipient);
    Objects.requireNonNull(keyId, "keyId");
    if (nonce.length != SessionProtocol.NONCE_BYTES) {
      throw new IllegalArgumentException("nonce is 16 bytes");
    }
    nonce = nonce.clone();
    Objects.requireNonNull(timestamp, "timestamp");
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }
}
