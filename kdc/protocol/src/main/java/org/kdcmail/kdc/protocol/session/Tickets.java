package org.kdcmail.kdc.protocol.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.kdcmail.kdc.protocol.MasterKey;

/**
 * Ticket encoding: {@code 01 03 ‖ u8 len ‖ key id ‖ LP16(ID_A) ‖ LP16(ID_B) ‖ box} where the box
 * seals {@code K_S ‖ K_AB ‖ issued ‖ not_after ‖ u16 n ‖ n × LP16(recipient)} under {@code
 * HKDF(K_B, "kdcmail session ticket v1")} with AAD binding key id, ID_A and ID_B.
 */
final class Tickets {

  /** Largest ticket this implementation writes or accepts. */
  static final int MAX_TICKET_BYTES = 65_536;

  private Tickets() {}

  record Header(SessionKeyId keyId, String sender, String recipient, byte[] box) {}

  static byte[] seal(
      SessionKeyId keyId,
      String sender,
      String recipient,
      MasterKey recipientKey,
      SessionKey ks,
      PairwiseKey kab,
      List<String> recipients,
      Instant issuedAt,
      Instant notAfter,
      SessionRandom random) {
    byte[] k = ks.copyBytes();
    byte[] p = kab.copyBytes();
    byte[] plain =
        new SessionWire.Writer()
            .bytes(k)
            .bytes(p)
            .time(issuedAt)
            .time(notAfter)
            .identities(recipients)
            .toByteArray();
    byte[] key = SessionCrypto.subkey(recipientKey, SessionProtocol.LABEL_TICKET);
    try {
      byte[] box = SessionCrypto.seal(key, random, plain, aad(keyId, sender, recipient));
      return new SessionWire.Writer(SessionMessageType.TICKET)
          .keyId(keyId)
          .identity(sender)
          .identity(recipient)
          .bytes(box)
          .toByteArray();
    } finally {
      Arrays.fill(k, (byte) 0);
      Arrays.fill(p, (byte) 0);
      Arrays.fill(plain, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
  }

  static Header header(byte[] ticket) throws SessionException {
    if (ticket == null || ticket.length > MAX_TICKET_BYTES) {
      throw SessionException.malformed();
    }
    SessionWire.Reader r = new SessionWire.Reader(ticket, SessionMessageType.TICKET);
    return new Header(r.keyId(), r.identity(), r.identity(), r.sealedRest());
  }

  static OpenedTicket open(byte[] ticket, UserKey recipient, Clock clock, Duration skew)
      throws SessionException {
    Header h = header(ticket);
    if (!h.recipient().equals(recipient.identity())) {
      throw new SessionException(SessionException.WRONG_RECIPIENT);
    }
    byte[] key = SessionCrypto.subkey(recipient.masterKey(), SessionProtocol.LABEL_TICKET);
    byte[] plain;
    try {
      plain = SessionCrypto.open(key, h.box(), aad(h.keyId(), h.sender(), h.recipient()));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    OpenedTicket t;
    try {
      SessionWire.Reader b = new SessionWire.Reader(plain);
      SessionKey ks = SessionKey.wrap(b.bytes(SessionProtocol.KEY_BYTES));
      PairwiseKey kab = PairwiseKey.wrap(b.bytes(SessionProtocol.KEY_BYTES));
      Instant issued = b.time();
      Instant notAfter = b.time();
      List<String> recipients = b.identities(1);
      b.finish();
      t =
          new OpenedTicket(
              ks, kab, h.keyId(), h.sender(), h.recipient(), recipients, issued, notAfter);
    } catch (SessionException | IllegalArgumentException e) {
      throw SessionException.rejected();
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    check(t, clock.instant(), skew);
    return t;
  }

  private static void check(OpenedTicket t, Instant now, Duration skew) throws SessionException {
    String problem = null;
    if (!t.recipients().contains(t.recipient()) || t.notAfter().isBefore(t.issuedAt())) {
      problem = SessionException.REJECTED;
    } else if (now.isAfter(t.notAfter().plus(skew))) {
      problem = SessionException.EXPIRED;
    } else if (t.issuedAt().isAfter(now.plus(skew))) {
      problem = SessionException.NOT_YET_VALID;
    }
    if (problem != null) {
      t.destroy();
      throw new SessionException(problem);
    }
  }

  static byte[] aad(SessionKeyId keyId, String sender, String recipient) {
    return SessionCrypto.aad(
        SessionMessageType.TICKET, SessionProtocol.LABEL_TICKET, keyId, sender, recipient);
  }
}
