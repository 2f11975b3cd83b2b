package org.kdcmail.kdc.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.session.ClockSkew;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.protocol.wire.WireError;
import org.kdcmail.kdc.server.admin.AdminConversation;
import org.kdcmail.kdc.server.transport.ConnectionContext;
import org.kdcmail.kdc.server.transport.Conversation;
import org.kdcmail.kdc.server.transport.ConversationFactory;

/**
 * Chooses a connection's conversation from its first frame: an admin request, or the start of an
 * enrollment. Anything else is a protocol error and closes the connection.
 */
final class KdcConversations implements ConversationFactory {
  private final KdcServices services;
  private final AdminToken adminToken;
  private final MeterRegistry registry;
  private final SessionKeyService issuer;
  private final TicketFetchService fetcher;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  KdcConversations(KdcServices services, AdminToken adminToken, MeterRegistry registry) {
    this.services = services;
    this.adminToken = adminToken;
    this.registry = registry;
    Clock clock = Clock.systemUTC();
    SessionChecks checks =
        new SessionChecks(services.store(), new ClockSkew(services.settings().clockSkew()), clock);
    this.issuer = new SessionKeyService(services, checks, clock);
    this.fetcher = new TicketFetchService(services, checks);
  }

  /** The request timer for a frame type and outcome, built once (not on every request). */
  private Timer timer(FrameType type, String outcome) {
    return timers.computeIfAbsent(
        type.name() + "/" + outcome,
        key ->
            Timer.builder("kdcmail.kdc.requests")
                .description("KDC requests by frame type and outcome, with their latency")
                .tag("type", type.name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
  }

  @Override
  public Conversation create(ConnectionContext context) {
    return new Conversation() {
      private Conversation chosen;

      @Override
      public Optional<Frame> onFrame(Frame frame) throws Exception {
        if (chosen == null) {
          chosen =
              switch (frame.type()) {
                case ADMIN_REQUEST ->
                    new AdminConversation(context, adminToken, new KdcAdminCommands(services));
                case ENROLL_CLIENT_HELLO -> new EnrollmentConversation(services, context);
                case SESSION_KEY_REQUEST, TICKET_FETCH_REQUEST ->
                    new SessionConversation(issuer, fetcher, context);
                default -> null;
              };
          if (chosen == null) {
            context.closeAfterReply();
            return Optional.of(
                ErrorFrame.of(WireError.PROTOCOL_ERROR, "unexpected first frame " + frame.type())
                    .toFrame());
          }
        }
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
          Optional<Frame> reply = chosen.onFrame(frame);
          outcome = reply.map(r -> r.type() == FrameType.ERROR ? "refused" : "ok").orElse("ok");
          return reply;
        } finally {
          sample.stop(timer(frame.type(), outcome));
        }
      }

      @Override
      public void onClose() {
        if (chosen != null) {
          chosen.onClose();
        }
      }
    };
  }
}
