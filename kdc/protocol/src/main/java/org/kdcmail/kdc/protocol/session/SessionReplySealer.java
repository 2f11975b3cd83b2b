package org.kdcmail.kdc.protocol.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kdcmail.kdc.protocol.MasterKey;

/**
 * The KDC's side of step 2 (pure, no database): seals one ticket per known recipient under that
 * recipient's master key, and the reply to A under A's master key. Every recipient of the request
 * that has no {@link RecipientGrant} is named in the reply's unknown-recipients list, never
 * dropped; the client decides the policy.
 *
 * <p>Reply layout: {@code 01 02 ‖ u8 len ‖ key id ‖ box}, the box sealing {@code K_S ‖ N_A ‖ issued
 * ‖ not_after ‖ LP16(ID_A) ‖ recipients ‖ u16 k ‖ k × (LP16(ID_Bi) ‖ K_ABi ‖ u32 len ‖ ticket) ‖
 * unknown recipients} under {@code HKDF(K_A, "kdcmail session reply v1")}.
 */
public final class SessionReplySealer {

  /** Largest reply this implementation writes or accepts (the transport's absolute maximum). */
  public static final int MAX_REPLY_BYTES = 16 * 1024 * 1024;

  private SessionReplySealer() {}

  /**
   * Seals the reply and tickets. Keys passed in are not destroyed; the caller does that.
   *
   * @param request the opened request (after the caller's skew and replay checks)
   * @param senderKey K_A
   * @param grants one per known recipient, each naming a recipient of the request, no duplicates
   * @throws IllegalArgumentException if a grant names someone the request did not, or twice, or if
   *     {@code notAfter} is not after {@code issuedAt}
   */
  public static SealedReply seal(
      SessionKeyRequest request,
      MasterKey senderKey,
      SessionKey sessionKey,
      SessionKeyId keyId,
      Instant issuedAt,
      Instant notAfter,
      List<RecipientGrant> grants,
      SessionRandom random) {
    Objects.requireNonNull(senderKey, "senderKey");
    Objects.requireNonNull(keyId, "keyId");
    if (!notAfter.isAfter(issuedAt)) {
      throw new IllegalArgumentException("notAfter must be after issuedAt");
    }
    Map<String, RecipientGrant> byId = new LinkedHashMap<>();
    for (RecipientGrant g : grants) {
      if (!request.recipients().contains(g.recipient()) || byId.put(g.recipient(), g) != null) {
        throw new IllegalArgumentException("grant for a recipient not in the request, or twice");
      }
    }
    Map<String, byte[]> tickets = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    byte[] ks = sessionKey.copyBytes();
    SessionWire.Writer plain =
        new SessionWire.Writer()
            .bytes(ks)
            .bytes(request.nonce())
            .time(issuedAt)
            .time(notAfter)
            .identity(request.sender())
            .identities(request.recipients());
    Arrays.fill(ks, (byte) 0);
    for (String r : request.recipients()) {
      RecipientGrant g = byId.get(r);
      if (g == null) {
        unknown.add(r);
        continue;
      }
      byte[] ticket =
          Tickets.seal(
              keyId,
              request.sender(),
              r,
              g.recipientKey(),
              sessionKey,
              g.pairwiseKey(),
              request.recipients(),
              issuedAt,
              notAfter,
              random);
      tickets.put(r, ticket);
    }
    plain.u16(tickets.size());
    for (Map.Entry<String, byte[]> e : tickets.entrySet()) {
      byte[] kab = byId.get(e.getKey()).pairwiseKey().copyBytes();
      plain.identity(e.getKey()).bytes(kab).blob(e.getValue());
      Arrays.fill(kab, (byte) 0);
    }
    plain.identities(unknown);
    byte[] body = plain.toByteArray();
    byte[] key = SessionCrypto.subkey(senderKey, SessionProtocol.LABEL_REPLY);
    try {
      byte[] box = SessionCrypto.seal(key, random, body, replyAad(keyId, request.sender()));
      byte[] reply =
          new SessionWire.Writer(SessionMessageType.REPLY).keyId(keyId).bytes(box).toByteArray();
      return new SealedReply(reply, tickets);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(body, (byte) 0);
    }
  }

  static byte[] replyAad(SessionKeyId keyId, String sender) {
    return SessionCrypto.aad(SessionMessageType.REPLY, SessionProtocol.LABEL_REPLY, keyId, sender);
  }

  /**
   * Seals one ticket again, for a recipient who fetches it by key id: the same K_S, K_AB and times
   * as at issuance. The recipient list is the one the KDC recorded (the recipients that received
   * tickets).
   */
  public static byte[] ticket(
      SessionKeyId keyId,
      String sender,
      String recipient,
      MasterKey recipientKey,
      SessionKey sessionKey,
      PairwiseKey pairwiseKey,
      List<String> recipients,
      Instant issuedAt,
      Instant notAfter,
      SessionRandom random) {
    return Tickets.seal(
        keyId,
        sender,
        recipient,
        recipientKey,
        sessionKey,
        pairwiseKey,
        recipients,
        issuedAt,
        notAfter,
        random);
  }
}
