package org.kdcmail.kdc.protocol.session;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The sender's side of steps 1–2 for one outstanding request. {@link #request} builds the request
 * and remembers N_A, T and the recipients; {@link #openReply} accepts only a reply that
 * authenticates under K_A, carries this N_A (a replayed old reply fails with {@link
 * SessionException#NONCE_MISMATCH}, attack A2), names this sender and exactly these recipients
 * (each as known or unknown), and has a not-after in the future. One reply per request.
 */
public final class SessionKeyClient {

  private final UserKey sender;
  private final SessionKeyRequest body;
  private final byte[] request;
  private final Clock clock;
  private boolean used;

  private SessionKeyClient(UserKey sender, SessionKeyRequest body, byte[] request, Clock clock) {
    this.sender = sender;
    this.body = body;
    this.request = request;
    this.clock = clock;
  }

  /**
   * Builds a request for {@code recipients} (1..100 distinct identities) with a fresh 128-bit N_A
   * and T = {@code clock.instant()}.
   */
  public static SessionKeyClient request(
      UserKey sender, List<String> recipients, Clock clock, SessionRandom random) {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    SessionKeyRequest body =
        new SessionKeyRequest(
            sender.identity(),
            recipients,
            random.next(SessionProtocol.NONCE_BYTES),
            Instant.ofEpochMilli(clock.millis()));
    return new SessionKeyClient(sender, body, SessionKeyRequest.seal(body, sender, random), clock);
  }

  /** The request frame payload ({@code SESSION_KEY_REQUEST}). */
  public byte[] requestBytes() {
    return request.clone();
  }

  /** The request body as sent (nonce, timestamp, recipients). */
  public SessionKeyRequest sent() {
    return body;
  }

  /**
   * Opens the KDC's reply to this request.
   *
   * @throws SessionException {@code MALFORMED}, {@code REJECTED} (authentication), {@code
   *     NONCE_MISMATCH}, {@code REPLY_MISMATCH} or {@code EXPIRED}
   * @throws IllegalStateException if a reply was already accepted
   */
  public SessionGrant openReply(byte[] reply) throws SessionException {
    if (used) {
      throw new IllegalStateException("this request already has its reply");
    }
    if (reply == null || reply.length > SessionReplySealer.MAX_REPLY_BYTES) {
      throw SessionException.malformed();
    }
    SessionWire.Reader r = new SessionWire.Reader(reply, SessionMessageType.REPLY);
    SessionKeyId keyId = r.keyId();
    byte[] box = r.sealedRest();
    byte[] key = SessionCrypto.subkey(sender.masterKey(), SessionProtocol.LABEL_REPLY);
    byte[] plain;
    try {
      plain = SessionCrypto.open(key, box, SessionReplySealer.replyAad(keyId, sender.identity()));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    try {
      SessionGrant grant = parse(plain, keyId);
      used = true;
      return grant;
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private SessionGrant parse(byte[] plain, SessionKeyId keyId) throws SessionException {
    SessionWire.Reader b = new SessionWire.Reader(plain);
    byte[] ks;
    List<RecipientTicket> tickets = new ArrayList<>();
    Instant issued;
    Instant notAfter;
    List<String> unknown;
    try {
      ks = b.bytes(SessionProtocol.KEY_BYTES);
      byte[] nonce = b.bytes(SessionProtocol.NONCE_BYTES);
      if (!MessageDigest.isEqual(nonce, body.nonce())) {
        throw new SessionException(SessionException.NONCE_MISMATCH);
      }
      issued = b.time();
      notAfter = b.time();
      if (!b.identity().equals(sender.identity()) || !b.identities(1).equals(body.recipients())) {
        throw new SessionException(SessionException.REPLY_MISMATCH);
      }
      int k = b.u16();
      for (int i = 0; i < k && i <= SessionProtocol.MAX_RECIPIENTS; i++) {
        String id = b.identity();
        PairwiseKey kab = PairwiseKey.wrap(b.bytes(SessionProtocol.KEY_BYTES));
        tickets.add(new RecipientTicket(id, kab, b.blob(Tickets.MAX_TICKET_BYTES)));
      }
      if (tickets.size() != k) {
        throw SessionException.rejected();
      }
      unknown = b.identities(0);
      b.finish();
    } catch (SessionException e) {
      tickets.forEach(t -> t.pairwiseKey().destroy());
      throw e.getMessage().equals(SessionException.MALFORMED) ? SessionException.rejected() : e;
    }
    SessionGrant grant =
        new SessionGrant(SessionKey.wrap(ks), keyId, issued, notAfter, tickets, unknown);
    String problem = check(grant);
    if (problem != null) {
      grant.destroy();
      throw new SessionException(problem);
    }
    return grant;
  }

  /** Null if the grant covers exactly the requested recipients and is still valid. */
  private String check(SessionGrant g) {
    List<String> covered = new ArrayList<>(g.unknownRecipients());
    g.tickets().forEach(t -> covered.add(t.recipient()));
    Set<String> asSet = new HashSet<>(covered);
    if (covered.size() != body.recipients().size()
        || !asSet.equals(new HashSet<>(body.recipients()))) {
      return SessionException.REPLY_MISMATCH;
    }
    if (!g.notAfter().isAfter(clock.instant()) || !g.notAfter().isAfter(g.issuedAt())) {
      return SessionException.EXPIRED;
    }
    return null;
  }

  /** {@link #openTicket(byte[], UserKey, Clock, Duration)} with the default 300 s allowance. */
  public static OpenedTicket openTicket(byte[] ticket, UserKey recipient, Clock clock)
      throws SessionException {
    return openTicket(ticket, recipient, clock, SessionProtocol.DEFAULT_SKEW);
  }

  /**
   * The recipient's side: opens a ticket under its own master key and checks that it names this
   * recipient (also in the recipient list), that now ≤ not-after + skew ({@link
   * SessionException#EXPIRED}) and issue time ≤ now + skew ({@link
   * SessionException#NOT_YET_VALID}).
   */
  public static OpenedTicket openTicket(
      byte[] ticket, UserKey recipient, Clock clock, Duration skew) throws SessionException {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(skew, "skew");
    return Tickets.open(ticket, recipient, clock, skew);
  }
}
