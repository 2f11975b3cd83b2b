package org.kdcmail.kdc.server;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.kdcmail.kdc.protocol.session.ClockSkew;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionErrorCodes;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.server.store.KdcStore;
import org.kdcmail.kdc.server.store.RequestNonce;
import org.kdcmail.kdc.server.store.User;
import org.kdcmail.kdc.server.store.UserStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every authenticated session-key request passes, in one place: the requester is
 * enrolled and active, its timestamp is within the allowed skew, and its (time, requester, nonce)
 * is new in the replay cache all KDC nodes share (attacks A3, A4). Each refusal is an error frame
 * in the session range that says why.
 */
final class SessionChecks {
  private static final Logger log = LoggerFactory.getLogger(SessionChecks.class);

  private final KdcStore store;
  private final ClockSkew skew;
  private final Clock clock;

  SessionChecks(KdcStore store, ClockSkew skew, Clock clock) {
    this.store = store;
    this.skew = skew;
    this.clock = clock;
  }

  /** Refuses a requester who is not enrolled ({@code unknown}) or is disabled. */
  Optional<Frame> activeUser(String user, SessionError unknown) {
    Optional<UserStatus> status = store.findUser(user).map(User::status);
    if (status.isEmpty()) {
      log.warn("session request from unknown user {}", user);
      return Optional.of(refuse(unknown, "unknown user " + user));
    }
    if (status.get() != UserStatus.ACTIVE) {
      log.warn("session request from disabled user {}", user);
      return Optional.of(refuse(SessionError.SENDER_DISABLED, user + " is disabled"));
    }
    return Optional.empty();
  }

  /** Refuses a timestamp outside the skew window, or a (requester, nonce) seen before. */
  Optional<Frame> freshAndNew(String user, byte[] nonce, Instant timestamp) {
    Optional<Frame> skewed = fresh(user, timestamp);
    if (skewed.isPresent()) {
      return skewed;
    }
    if (!store.replayCache().admit(user, nonce, timestamp, skew.window())) {
      return Optional.of(replayed(user));
    }
    return Optional.empty();
  }

  /** Refuses a timestamp outside the skew window. */
  Optional<Frame> fresh(String user, Instant timestamp) {
    Optional<Frame> skewed = skew.check(timestamp, clock.instant()).map(e -> e.toFrame());
    if (skewed.isPresent()) {
      log.warn("session request from {} refused: clock skew", user);
    }
    return skewed;
  }

  /** The request's nonce for the replay cache, remembered for the allowed skew. */
  RequestNonce requestNonce(String user, byte[] nonce, Instant timestamp) {
    return new RequestNonce(user, nonce, timestamp, skew.window());
  }

  /** What {@link #precheckReplay} found. */
  enum Precheck {
    /** Not in the cache: admit the pair together with the issuance record. */
    NOT_SEEN,
    /**
     * Seen by the pre-check but admitted by the cache (its row was purged in between): record the
     * issuance alone.
     */
    ADMITTED,
    /** A replay: refuse (audited as {@code replay_refused}). */
    REPLAY
  }

  /**
   * Lets the replay cache decide at once, before any key is drawn, for a pair it has probably seen
   * ({@code probablySeen}, read with the recipients' keys), so a replayed request cannot drain the
   * key bank (attack A3). A pair not seen here is decided later by the primary key, when it is
   * admitted in the same transaction as the issuance.
   */
  Precheck precheckReplay(RequestNonce n, boolean probablySeen) {
    if (!probablySeen) {
      return Precheck.NOT_SEEN;
    }
    return store.replayCache().admit(n.sender(), n.nonce(), n.requestTime(), n.skew())
        ? Precheck.ADMITTED
        : Precheck.REPLAY;
  }

  /** The refusal of a replayed request. */
  Frame replayed(String user) {
    log.warn("session request from {} refused: replay", user);
    return refuse(SessionError.REPLAY, "replayed request");
  }

  /** The one generic answer to a request that does not authenticate. */
  Frame badRequest(String user) {
    log.warn("session request claiming to be from {} did not authenticate", user);
    return refuse(SessionError.BAD_REQUEST, "request authentication failed");
  }

  static Frame refuse(SessionError reason, String message) {
    return SessionErrorCodes.frame(reason, message).toFrame();
  }
}
