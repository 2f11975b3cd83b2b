package org.kdcmail.kdc.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.session.ClockSkew;
import org.kdcmail.kdc.protocol.session.DirectoryLookup;
import org.kdcmail.kdc.protocol.session.DirectoryLookupRequest;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.server.store.User;
import org.kdcmail.kdc.server.store.UserStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers directory lookups (docs/protocol.md §5.8): an enrolled, active requester, authenticated
 * under its own master key with a timestamp within the skew, learns which of up to 100 addresses
 * are enrolled and active. No key is issued and nothing is stored — no audit entry, no replay-cache
 * row; only the counters {@code kdcmail.kdc.directory.lookups} and {@code
 * kdcmail.kdc.directory.names} move.
 */
final class DirectoryLookupService {
  private static final Logger log = LoggerFactory.getLogger(DirectoryLookupService.class);

  private final KdcServices services;
  private final SessionChecks checks;
  private final ClockSkew skew;
  private final Clock clock;
  private final Counter lookups;
  private final Counter names;

  DirectoryLookupService(
      KdcServices services,
      SessionChecks checks,
      ClockSkew skew,
      Clock clock,
      MeterRegistry registry) {
    this.services = services;
    this.checks = checks;
    this.skew = skew;
    this.clock = clock;
    this.lookups =
        Counter.builder("kdcmail.kdc.directory.lookups")
            .description("directory lookups answered")
            .register(registry);
    this.names =
        Counter.builder("kdcmail.kdc.directory.names")
            .description("addresses looked up in answered directory lookups")
            .register(registry);
  }

  Frame lookup(byte[] requestBytes) throws SessionException {
    String requester = DirectoryLookup.requester(requestBytes);
    Optional<Frame> refused = checks.activeUser(requester, SessionError.UNKNOWN_SENDER);
    if (refused.isPresent()) {
      return refused.get();
    }
    MasterKey key = services.store().loadMasterKey(requester);
    try {
      DirectoryLookupRequest request;
      try {
        request = DirectoryLookup.open(requestBytes, key);
      } catch (SessionException e) {
        return checks.badRequest(requester);
      }
      Optional<Frame> skewed =
          skew.check(request.timestamp(), clock.instant()).map(e -> e.toFrame());
      if (skewed.isPresent()) {
        log.warn("directory lookup from {} refused: clock skew", requester);
        return skewed.get();
      }
      List<Boolean> answer = new ArrayList<>(request.names().size());
      for (String name : request.names()) {
        answer.add(isActive(name));
      }
      lookups.increment();
      names.increment(answer.size());
      return new Frame(
          FrameType.DIRECTORY_LOOKUP_REPLY,
          DirectoryLookup.sealReply(request, key, answer, services.randomness().drbg()::nextBytes));
    } finally {
      key.destroy();
    }
  }

  private boolean isActive(String name) {
    if (name.isBlank()) {
      return false; // no account can have it
    }
    return services.store().findUser(name).map(User::status).orElse(null) == UserStatus.ACTIVE;
  }
}
