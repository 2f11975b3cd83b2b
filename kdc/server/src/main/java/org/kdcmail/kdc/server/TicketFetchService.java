package org.kdcmail.kdc.server;

import java.util.Optional;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.session.PairwiseKey;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.session.SessionKey;
import org.kdcmail.kdc.protocol.session.SessionKeyId;
import org.kdcmail.kdc.protocol.session.SessionReplySealer;
import org.kdcmail.kdc.protocol.session.TicketFetch;
import org.kdcmail.kdc.protocol.session.TicketFetchRequest;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.server.store.IssuanceRecord;
import org.kdcmail.kdc.server.store.IssuanceState;
import org.kdcmail.secrets.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-issues a recipient's ticket by key id, for a copy whose ticket went missing: only a recipient
 * named in the issuance may fetch it, under its own master key, nonce and timestamp; a revoked
 * key's ticket is refused. Anyone else learns nothing, not even whether the key id exists.
 */
final class TicketFetchService {
  private static final Logger log = LoggerFactory.getLogger(TicketFetchService.class);

  private final KdcServices services;
  private final SessionChecks checks;

  TicketFetchService(KdcServices services, SessionChecks checks) {
    this.services = services;
    this.checks = checks;
  }

  Frame fetch(byte[] requestBytes) throws SessionException {
    String recipient = TicketFetch.recipient(requestBytes);
    Optional<Frame> refused = checks.activeUser(recipient, SessionError.UNKNOWN_SENDER);
    if (refused.isPresent()) {
      return refused.get();
    }
    MasterKey recipientKey = services.store().loadMasterKey(recipient);
    try {
      TicketFetchRequest request;
      try {
        request = TicketFetch.open(requestBytes, recipientKey);
      } catch (SessionException e) {
        return checks.badRequest(recipient);
      }
      refused = checks.freshAndNew(recipient, request.nonce(), request.timestamp());
      if (refused.isPresent()) {
        return refused.get();
      }
      String keyId = new String(request.keyId().bytes(), java.nio.charset.StandardCharsets.UTF_8);
      Optional<IssuanceRecord> record = services.store().issuances().find(keyId);
      if (record.isEmpty() || !record.get().recipients().contains(recipient)) {
        return SessionChecks.refuse(SessionError.NOT_A_RECIPIENT, "not a recipient of this key");
      }
      if (record.get().state() == IssuanceState.REVOKED) {
        return SessionChecks.refuse(SessionError.KEY_REVOKED, "key " + keyId + " is revoked");
      }
      byte[] ticket = reseal(record.get(), request.keyId(), recipient, recipientKey);
      log.info("re-issued the ticket of key {} to {}", keyId, recipient);
      return new Frame(
          FrameType.TICKET_FETCH_REPLY,
          TicketFetch.sealReply(
              request, recipientKey, ticket, services.randomness().drbg()::nextBytes));
    } finally {
      recipientKey.destroy();
    }
  }

  private byte[] reseal(
      IssuanceRecord record, SessionKeyId keyId, String recipient, MasterKey recipientKey) {
    SecretBytes ks = services.store().issuances().openSessionKey(record.keyId()).orElseThrow();
    SecretBytes kab =
        services.store().issuances().openPairwiseKey(record.keyId(), recipient).orElseThrow();
    SessionKey sessionKey = SessionKey.copyOf(ks.copyBytes());
    PairwiseKey pairwiseKey = PairwiseKey.copyOf(kab.copyBytes());
    try {
      return SessionReplySealer.ticket(
          keyId,
          record.sender(),
          recipient,
          recipientKey,
          sessionKey,
          pairwiseKey,
          record.recipients(),
          record.issuedAt(),
          record.notAfter(),
          services.randomness().drbg()::nextBytes);
    } finally {
      ks.destroy();
      kab.destroy();
      sessionKey.destroy();
      pairwiseKey.destroy();
    }
  }
}
