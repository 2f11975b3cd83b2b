package org.kdcmail.kdc.protocol.session;

import java.util.Arrays;
import org.kdcmail.kdc.protocol.MasterKey;

/**
 * The KDC's side of step 1 (pure, no database): read the sender named in clear, then decrypt and
 * validate the request under that sender's master key. Freshness (skew, replay cache) is the
 * caller's: see {@link ClockSkew}.
 */
public final class SessionRequestOpener {

  private SessionRequestOpener() {}

  /**
   * The sender ID_A named in clear, to look up K_A. Unauthenticated until {@link #open} succeeds.
   *
   * @throws SessionException {@link SessionException#MALFORMED} if the header is malformed
   */
  public static String sender(byte[] request) throws SessionException {
    SessionWire.Reader r = new SessionWire.Reader(request, SessionMessageType.REQUEST);
    String sender = r.identity();
    r.sealedRest();
    return sender;
  }

  /**
   * Decrypts and validates a request under the sender's master key.
   *
   * @throws SessionException {@link SessionException#MALFORMED} for a malformed frame, {@link
   *     SessionException#REJECTED} for a failed authentication or a malformed body
   */
  public static SessionKeyRequest open(byte[] request, MasterKey senderKey)
      throws SessionException {
    SessionWire.Reader r = new SessionWire.Reader(request, SessionMessageType.REQUEST);
    String sender = r.identity();
    byte[] box = r.sealedRest();
    byte[] key = SessionCrypto.subkey(senderKey, SessionProtocol.LABEL_REQUEST);
    byte[] plain;
    try {
      plain = SessionCrypto.open(key, box, SessionKeyRequest.aad(sender));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    try {
      SessionWire.Reader b = new SessionWire.Reader(plain);
      byte[] nonce = b.bytes(SessionProtocol.NONCE_BYTES);
      var timestamp = b.time();
      var recipients = b.identities(1);
      b.finish();
      return new SessionKeyRequest(sender, recipients, nonce, timestamp);
    } catch (SessionException | IllegalArgumentException e) {
      throw SessionException.rejected();
    }
  }
}
