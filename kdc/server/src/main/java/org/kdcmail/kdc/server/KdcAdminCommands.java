package org.kdcmail.kdc.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminStatus;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.InvitationId;
import org.kdcmail.kdc.server.admin.AdminCommandHandler;
import org.kdcmail.kdc.server.store.KdcStoreException;
import org.kdcmail.kdc.server.store.User;
import org.kdcmail.kdc.server.store.UserStatus;

/**
 * The admin commands a running KDC answers, each with a JSON body: {@code invite USER [LIFETIME]},
 * {@code users}, {@code disable USER}, {@code enable USER}. Requests arrive already authenticated
 * by the admin token.
 */
final class KdcAdminCommands implements AdminCommandHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KdcServices services;
  private final Clock clock = Clock.systemUTC();

  KdcAdminCommands(KdcServices services) {
    this.services = services;
  }

  @Override
  public AdminResponse handle(AdminRequest request) throws Exception {
    List<String> args = request.args();
    try {
      return switch (request.command()) {
        case "invite" ->
            args.size() == 1 || args.size() == 2
                ? invite(args.get(0), args.size() == 2 ? Duration.parse(args.get(1)) : null)
                : usage("invite USER [LIFETIME]");
        case "users" -> args.isEmpty() ? users() : usage("users");
        case "disable" ->
            args.size() == 1 ? status(args.get(0), UserStatus.DISABLED) : usage("disable USER");
        case "enable" ->
            args.size() == 1 ? status(args.get(0), UserStatus.ACTIVE) : usage("enable USER");
        default ->
            AdminResponse.of(
                AdminStatus.UNKNOWN_COMMAND, "unknown admin command '" + request.command() + "'");
      };
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      return AdminResponse.of(AdminStatus.INVALID_ARGUMENTS, e.getMessage());
    } catch (KdcStoreException e) {
      return AdminResponse.of(AdminStatus.FAILED, e.getMessage());
    }
  }

  private AdminResponse invite(String user, Duration requestedLifetime) throws Exception {
    Duration lifetime =
        requestedLifetime != null ? requestedLifetime : services.settings().invitationLifetime();
    EnrollmentCode code = EnrollmentCode.generate(services.randomness().drbg()::nextBytes);
    try {
      InvitationId id = services.store().createInvitation(user, code, lifetime);
      ObjectNode body = JSON.createObjectNode();
      body.put("user", user);
      body.put("code", code.format());
      body.put("fingerprint", services.identity().fingerprint().format());
      body.put("expires", Instant.now(clock).plus(lifetime).toString());
      body.put("invitation_id", id.toString());
      return ok(body);
    } finally {
      code.destroy();
    }
  }

  private AdminResponse users() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode users = body.putArray("users");
    for (User user : services.store().listUsers()) {
      ObjectNode node = users.addObject();
      node.put("user", user.username());
      node.put("status", user.status().name().toLowerCase(java.util.Locale.ROOT));
      node.put("key_version", user.keyVersion());
      node.put("created", user.createdAt().toString());
      node.put("updated", user.updatedAt().toString());
    }
    return ok(body);
  }

  private AdminResponse status(String user, UserStatus status) throws Exception {
    services.store().setStatus(user, status);
    ObjectNode body = JSON.createObjectNode();
    body.put("user", user);
    body.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    return ok(body);
  }

  private static AdminResponse ok(ObjectNode body) throws Exception {
    return AdminResponse.of(AdminStatus.OK, JSON.writeValueAsString(body));
  }

  private static AdminResponse usage(String usage) {
    return AdminResponse.of(AdminStatus.INVALID_ARGUMENTS, "usage: " + usage);
  }
}
