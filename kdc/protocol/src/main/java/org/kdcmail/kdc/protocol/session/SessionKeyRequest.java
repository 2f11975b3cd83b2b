package org.kdcmail.kdc.protocol.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The authenticated body of a request A → KDC, as {@link SessionRequestOpener} returns it: the
 * sender, the recipients in request order (1..100, distinct), the 16-byte nonce N_A and the
 * sender's timestamp T. The KDC checks T with {@link ClockSkew} and (sender, N_A, T) against its
 * replay cache before issuing.
 */
public record SessionKeyRequest(
    String sender, List<String> recipients, byte[] nonce, Instant timestamp) {
  public SessionKeyRequest {
    SessionWire.identityBytes(sender);
    recipients = SessionWire.recipients(recipients);
    Objects.requireNonNull(nonce, "nonce");
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

  /** Wire layout {@code 01 01 ‖ LP16(ID_A) ‖ box}; see docs/protocol.md §5. */
  static byte[] seal(SessionKeyRequest body, UserKey sender, SessionRandom random) {
    byte[] plain =
        new SessionWire.Writer()
            .bytes(body.nonce)
            .time(body.timestamp)
            .identities(body.recipients)
            .toByteArray();
    byte[] key = SessionCrypto.subkey(sender.masterKey(), SessionProtocol.LABEL_REQUEST);
    try {
      byte[] box = SessionCrypto.seal(key, random, plain, aad(body.sender));
      return new SessionWire.Writer(SessionMessageType.REQUEST)
          .identity(body.sender)
          .bytes(box)
          .toByteArray();
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  static byte[] aad(String sender) {
    return SessionCrypto.aad(
        SessionMessageType.REQUEST, SessionProtocol.LABEL_REQUEST, null, sender);
  }
}
