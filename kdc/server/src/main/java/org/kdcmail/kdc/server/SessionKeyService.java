package org.kdcmail.kdc.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.session.PairwiseKey;
import org.kdcmail.kdc.protocol.session.RecipientGrant;
import org.kdcmail.kdc.protocol.session.SealedReply;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.session.SessionKey;
import org.kdcmail.kdc.protocol.session.SessionKeyId;
import org.kdcmail.kdc.protocol.session.SessionKeyRequest;
import org.kdcmail.kdc.protocol.session.SessionReplySealer;
import org.kdcmail.kdc.protocol.session.SessionRequestOpener;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.server.store.Issuance;
import org.kdcmail.kdc.server.store.IssuanceProvenance;
import org.kdcmail.kdc.server.store.KdcStore;
import org.kdcmail.kdc.server.store.RequestNonce;
import org.kdcmail.qrng.bank.BankKey;
import org.kdcmail.secrets.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues session keys (docs/protocol.md §5): authenticates A's request under K_A, checks the clock
 * skew, refuses a request the shared replay cache has already seen before drawing any key, draws
 * K_S and one pairwise key per enrolled recipient from the key bank, then admits the nonce and
 * records the issuance — keys sealed under the KEK, with its audit entry — in one group-committed
 * transaction, and only once that is durable answers with the reply and tickets. Unknown or
 * disabled recipients are named in the reply, never silently dropped.
 */
final class SessionKeyService {
  private static final Logger log = LoggerFactory.getLogger(SessionKeyService.class);

  private final KdcServices services;
  private final SessionChecks checks;
  private final Clock clock;

  SessionKeyService(KdcServices services, SessionChecks checks, Clock clock) {
    this.services = services;
    this.checks = checks;
    this.clock = clock;
  }

  Frame issue(byte[] requestBytes) throws SessionException {
    String sender = SessionRequestOpener.sender(requestBytes);
    // An active sender's key (from memory on Derby, else one query). Only when there is none, a
    // second query finds out why (unknown or disabled).
    MasterKey senderKey = services.store().loadActiveMasterKeys(List.of(sender)).get(sender);
    if (senderKey == null) {
      Optional<Frame> inactive = checks.activeUser(sender, SessionError.UNKNOWN_SENDER);
      if (inactive.isPresent()) {
        return inactive.get();
      }
      senderKey = services.store().loadMasterKey(sender); // enabled in between the two reads
    }
    List<RecipientGrant> grants = new ArrayList<>();
    Map<String, SecretBytes> pairwise = new LinkedHashMap<>();
    SessionKey sessionKey = null;
    SecretBytes storedSessionKey = null;
    try {
      SessionKeyRequest request;
      try {
        request = SessionRequestOpener.open(requestBytes, senderKey);
      } catch (SessionException e) {
        return checks.badRequest(sender);
      }
      Optional<Frame> refused = checks.fresh(sender, request.timestamp());
      if (refused.isPresent()) {
        return refused.get();
      }
      RequestNonce nonce = checks.requestNonce(sender, request.nonce(), request.timestamp());
      KdcStore.RecipientLookup lookup =
          services.store().lookUpRecipients(nonce, request.recipients());
      Map<String, MasterKey> recipientKeys = lookup.activeKeys();
      SessionChecks.Precheck precheck;
      try {
        precheck = checks.precheckReplay(nonce, lookup.nonceProbablySeen());
        if (precheck == SessionChecks.Precheck.REPLAY) {
          return checks.replayed(sender);
        }
        for (String recipient : request.recipients()) {
          if (recipientKeys.containsKey(recipient)) {
            byte[] kab = takeBytes();
            grants.add(
                new RecipientGrant(
                    recipient, recipientKeys.remove(recipient), PairwiseKey.copyOf(kab)));
            pairwise.put(recipient, SecretBytes.wrap(kab));
          }
        }
      } finally {
        recipientKeys.values().forEach(MasterKey::destroy); // keys not handed to a grant
      }
      BankKey drawn = services.keyBank().take();
      storedSessionKey = SecretBytes.wrap(drawn.secret().copyBytes());
      drawn.secret().destroy();
      sessionKey = SessionKey.copyOf(storedSessionKey.copyBytes());
      SessionKeyId keyId = SessionKeyId.ofText(drawn.id().toString());
      Instant issuedAt = clock.instant();
      Instant notAfter = issuedAt.plus(services.settings().ticketLifetime());
      SealedReply reply =
          SessionReplySealer.seal(
              request,
              senderKey,
              sessionKey,
              keyId,
              issuedAt,
              notAfter,
              grants,
              services.randomness().drbg()::nextBytes);
      Issuance issuance =
          new Issuance(
              drawn.id().toString(),
              sender,
              issuedAt,
              notAfter,
              IssuanceProvenance.of(drawn.provenance()),
              storedSessionKey,
              pairwise);
      // Durable before the reply leaves: group-committed with concurrent requests.
      if (precheck == SessionChecks.Precheck.ADMITTED) {
        services.store().issuances().record(issuance);
      } else if (!services.store().issuances().recordIfNew(nonce, issuance)) {
        return checks.replayed(sender); // a concurrent copy of this request won
      }
      log.info(
          "issued key {} from {} to {} recipient(s), {} unknown",
          keyId,
          sender,
          grants.size(),
          request.recipients().size() - grants.size());
      return new Frame(FrameType.SESSION_KEY_REPLY, reply.reply());
    } finally {
      senderKey.destroy();
      if (sessionKey != null) {
        sessionKey.destroy();
      }
      if (storedSessionKey != null) {
        storedSessionKey.destroy();
      }
      pairwise.values().forEach(SecretBytes::destroy);
      for (RecipientGrant grant : grants) {
        grant.recipientKey().destroy();
        grant.pairwiseKey().destroy();
      }
    }
  }

  /** The bytes of one fresh bank key (the bank's copy is destroyed). */
  private byte[] takeBytes() {
    BankKey key = services.keyBank().take();
    try {
      return key.secret().copyBytes();
    } finally {
      key.secret().destroy();
    }
  }
}
