package org.kdcmail.kdc.protocol.session;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.kdcmail.kdc.protocol.MasterKey;

/**
 * Fetching a ticket again by key id. Request {@code 01 04 ‖ LP16(ID_B) ‖ u8 len ‖ key id ‖ box},
 * the box sealing {@code N_B ‖ T} under {@code HKDF(K_B, "kdcmail session fetch request v1")};
 * reply {@code 01 05 ‖ u8 len ‖ key id ‖ box}, the box sealing {@code N_B ‖ u32 len ‖ ticket} under
 * {@code HKDF(K_B, "kdcmail session fetch reply v1")}. Both AADs bind ID_B and the key id. An
 * instance is the recipient's outstanding fetch; the static methods are the KDC's side.
 */
public final class TicketFetch {

  private final UserKey recipient;
  private final TicketFetchRequest body;
  private final byte[] request;

  private TicketFetch(UserKey recipient, TicketFetchRequest body, byte[] request) {
    this.recipient = recipient;
    this.body = body;
    this.request = request;
  }

  /** The recipient builds a fetch for {@code keyId} with a fresh N_B and T = now. */
  public static TicketFetch request(
      UserKey recipient, SessionKeyId keyId, Clock clock, SessionRandom random) {
    Objects.requireNonNull(recipient, "recipient");
    TicketFetchRequest body =
        new TicketFetchRequest(
            recipient.identity(),
            keyId,
            random.next(SessionProtocol.NONCE_BYTES),
            Instant.ofEpochMilli(clock.millis()));
    byte[] plain =
        new SessionWire.Writer().bytes(body.nonce()).time(body.timestamp()).toByteArray();
    byte[] box =
        SessionCrypto.sealUnder(
            recipient.masterKey(),
            SessionProtocol.LABEL_FETCH_REQUEST,
            random,
            plain,
            aad(SessionMessageType.FETCH_REQUEST, keyId, recipient.identity()));
    byte[] request =
        new SessionWire.Writer(SessionMessageType.FETCH_REQUEST)
            .identity(recipient.identity())
            .keyId(keyId)
            .bytes(box)
            .toByteArray();
    return new TicketFetch(recipient, body, request);
  }

  /** The request frame payload ({@code TICKET_FETCH_REQUEST}). */
  public byte[] requestBytes() {
    return request.clone();
  }

  /**
   * Opens the KDC's fetch reply: authenticates under K_B, checks N_B and that the ticket carries
   * the requested key id and this recipient. Returns the ticket bytes (open them with {@link
   * SessionKeyClient#openTicket}).
   */
  public byte[] openReply(byte[] reply) throws SessionException {
    SessionWire.Reader r = new SessionWire.Reader(reply, SessionMessageType.FETCH_REPLY);
    SessionKeyId keyId = r.keyId();
    byte[] box = r.sealedRest();
    if (!keyId.equals(body.keyId())) {
      throw new SessionException(SessionException.REPLY_MISMATCH);
    }
    byte[] plain =
        SessionCrypto.openUnder(
            recipient.masterKey(),
            SessionProtocol.LABEL_FETCH_REPLY,
            box,
            aad(SessionMessageType.FETCH_REPLY, keyId, recipient.identity()));
    byte[] ticket;
    try {
      SessionWire.Reader b = new SessionWire.Reader(plain);
      byte[] nonce = b.bytes(SessionProtocol.NONCE_BYTES);
      ticket = b.blob(Tickets.MAX_TICKET_BYTES);
      b.finish();
      if (!MessageDigest.isEqual(nonce, body.nonce())) {
        throw new SessionException(SessionException.NONCE_MISMATCH);
      }
    } catch (SessionException e) {
      throw e.getMessage().equals(SessionException.MALFORMED) ? SessionException.rejected() : e;
    }
    Tickets.Header h = Tickets.header(ticket);
    if (!h.keyId().equals(keyId) || !h.recipient().equals(recipient.identity())) {
      throw new SessionException(SessionException.REPLY_MISMATCH);
    }
    return ticket;
  }

  /** KDC: the recipient named in clear, to look up K_B; unauthenticated until {@link #open}. */
  public static String recipient(byte[] request) throws SessionException {
    SessionWire.Reader r = new SessionWire.Reader(request, SessionMessageType.FETCH_REQUEST);
    String id = r.identity();
    r.keyId();
    r.sealedRest();
    return id;
  }

  /** KDC: decrypts and validates a fetch request under the recipient's master key. */
  public static TicketFetchRequest open(byte[] request, MasterKey recipientKey)
      throws SessionException {
    SessionWire.Reader r = new SessionWire.Reader(request, SessionMessageType.FETCH_REQUEST);
    String id = r.identity();
    SessionKeyId keyId = r.keyId();
    byte[] box = r.sealedRest();
    byte[] plain =
        SessionCrypto.openUnder(
            recipientKey,
            SessionProtocol.LABEL_FETCH_REQUEST,
            box,
            aad(SessionMessageType.FETCH_REQUEST, keyId, id));
    try {
      SessionWire.Reader b = new SessionWire.Reader(plain);
      byte[] nonce = b.bytes(SessionProtocol.NONCE_BYTES);
      Instant t = b.time();
      b.finish();
      return new TicketFetchRequest(id, keyId, nonce, t);
    } catch (SessionException e) {
      throw SessionException.rejected();
    }
  }

  /** KDC: seals the reply carrying {@code ticket} for an opened fetch request. */
  public static byte[] sealReply(
      TicketFetchRequest request, MasterKey recipientKey, byte[] ticket, SessionRandom random) {
    if (ticket.length > Tickets.MAX_TICKET_BYTES) {
      throw new IllegalArgumentException("ticket too large");
    }
    byte[] plain = new SessionWire.Writer().bytes(request.nonce()).blob(ticket).toByteArray();
    byte[] box =
        SessionCrypto.sealUnder(
            recipientKey,
            SessionProtocol.LABEL_FETCH_REPLY,
            random,
            plain,
            aad(SessionMessageType.FETCH_REPLY, request.keyId(), request.recipient()));
    return new SessionWire.Writer(SessionMessageType.FETCH_REPLY)
        .keyId(request.keyId())
        .bytes(box)
        .toByteArray();
  }

  private static byte[] aad(SessionMessageType type, SessionKeyId keyId, String recipient) {
    byte[] label =
        type == SessionMessageType.FETCH_REQUEST
            ? SessionProtocol.LABEL_FETCH_REQUEST
            : SessionProtocol.LABEL_FETCH_REPLY;
    return SessionCrypto.aad(type, label, keyId, recipient);
  }
}
