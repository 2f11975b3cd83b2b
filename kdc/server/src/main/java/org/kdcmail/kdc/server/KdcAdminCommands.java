package org.kdcmail.kdc.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminStatus;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.InvitationId;
import org.kdcmail.kdc.server.admin.AdminCommandHandler;
import org.kdcmail.kdc.server.store.AuditEntry;
import org.kdcmail.kdc.server.store.AuditFilter;
import org.kdcmail.kdc.server.store.AuditType;
import org.kdcmail.kdc.server.store.AuditVerification;
import org.kdcmail.kdc.server.store.KdcStoreException;
import org.kdcmail.kdc.server.store.User;
import org.kdcmail.kdc.server.store.UserStatus;

/**
 * The admin commands a running KDC answers, each with a JSON body: {@code invite USER [LIFETIME]},
 * {@code rotate USER [LIFETIME]}, {@code users}, {@code disable USER}, {@code enable USER}, {@code
 * revoke-key KEY_ID}, {@code revoke-batch BATCH}, {@code audit [LIMIT]}, {@code audit-verify},
 * {@code backup DIR}. Requests arrive already authenticated by the admin token.
 */
final class KdcAdminCommands implements AdminCommandHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "admin";

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
        case "rotate" ->
            args.size() == 1 || args.size() == 2
                ? rotate(args.get(0), args.size() == 2 ? Duration.parse(args.get(1)) : null)
                : usage("rotate USER [LIFETIME]");
        case "users" -> args.isEmpty() ? users() : usage("users");
        case "disable" ->
            args.size() == 1 ? status(args.get(0), UserStatus.DISABLED) : usage("disable USER");
        case "enable" ->
            args.size() == 1 ? status(args.get(0), UserStatus.ACTIVE) : usage("enable USER");
        case "revoke-key" -> args.size() == 1 ? revokeKey(args.get(0)) : usage("revoke-key KEY_ID");
        case "revoke-batch" ->
            args.size() == 1 ? revokeBatch(args.get(0)) : usage("revoke-batch BATCH");
        case "audit" ->
            args.size() <= 1
                ? audit(args.isEmpty() ? 1000 : Integer.parseInt(args.get(0)))
                : usage("audit [LIMIT]");
        case "audit-verify" -> args.isEmpty() ? auditVerify() : usage("audit-verify");
        case "backup" -> args.size() == 1 ? backup(Path.of(args.get(0))) : usage("backup DIR");
        default ->
            AdminResponse.of(
                AdminStatus.UNKNOWN_COMMAND, "unknown admin command '" + request.command() + "'");
      };
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      return AdminResponse.of(AdminStatus.INVALID_ARGUMENTS, e.getMessage());
    } catch (KdcStoreException | BackupException e) {
      return AdminResponse.of(AdminStatus.FAILED, e.getMessage());
    }
  }

  private AdminResponse invite(String user, Duration requestedLifetime) throws Exception {
    return invitation(user, requestedLifetime, AuditType.INVITE, "", null);
  }

  /**
   * A new master key for an enrolled user, through a fresh enrollment invitation: the answer is the
   * same as {@code invite}'s plus the current key version. The current key keeps working until the
   * user completes the new enrollment, which replaces it (key version + 1); an admin who must cut a
   * compromised key off at once disables the user first (enrollment makes the user active again).
   */
  private AdminResponse rotate(String user, Duration requestedLifetime) throws Exception {
    Optional<User> existing = services.store().findUser(user);
    if (existing.isEmpty()) {
      return AdminResponse.of(
          AdminStatus.FAILED, "no enrolled user " + user + "; use invite for a new user");
    }
    int version = existing.get().keyVersion();
    return invitation(
        user, requestedLifetime, AuditType.ROTATE, "from key version " + version + ", ", version);
  }

  private AdminResponse invitation(
      String user,
      Duration requestedLifetime,
      AuditType auditType,
      String auditDetail,
      Integer currentKeyVersion)
      throws Exception {
    Duration lifetime =
        requestedLifetime != null ? requestedLifetime : services.settings().invitationLifetime();
    EnrollmentCode code = EnrollmentCode.generate(services.randomness().drbg()::nextBytes);
    try {
      InvitationId id = services.store().createInvitation(user, code, lifetime);
      services.store().audit().append(auditType, ADMIN, user, auditDetail + "lifetime " + lifetime);
      ObjectNode body = JSON.createObjectNode();
      body.put("user", user);
      body.put("code", code.format());
      body.put("fingerprint", services.identity().fingerprint().format());
      body.put("expires", Instant.now(clock).plus(lifetime).toString());
      body.put("invitation_id", id.toString());
      if (currentKeyVersion != null) {
        body.put("key_version", currentKeyVersion);
      }
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
    services
        .store()
        .audit()
        .append(
            status == UserStatus.DISABLED ? AuditType.DISABLE : AuditType.ENABLE, ADMIN, user, "");
    ObjectNode body = JSON.createObjectNode();
    body.put("user", user);
    body.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    return ok(body);
  }

  private AdminResponse revokeKey(String keyId) throws Exception {
    boolean revoked = services.store().issuances().revokeKey(keyId, ADMIN);
    ObjectNode body = JSON.createObjectNode();
    body.put("key_id", keyId);
    body.put("revoked", revoked ? 1 : 0);
    return revoked ? ok(body) : AdminResponse.of(AdminStatus.FAILED, "no issued key " + keyId);
  }

  private AdminResponse revokeBatch(String batchId) throws Exception {
    int revoked = services.store().issuances().revokeBatch(batchId, ADMIN);
    ObjectNode body = JSON.createObjectNode();
    body.put("batch", batchId);
    body.put("revoked", revoked);
    return ok(body);
  }

  private AdminResponse audit(int limit) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode entries = body.putArray("entries");
    for (AuditEntry entry : services.store().audit().entries(AuditFilter.first(limit))) {
      ObjectNode node = entries.addObject();
      node.put("seq", entry.seq());
      node.put("type", entry.type().label());
      node.put("time", entry.at().toString());
      node.put("actor", entry.actor());
      node.put("subject", entry.subject());
      if (entry.type() == AuditType.ISSUANCE) {
        node.put("key_id", entry.subject());
        node.put("sender", entry.actor());
      }
      if (!entry.detail().isEmpty()) {
        node.put("detail", entry.detail());
      }
    }
    return ok(body);
  }

  private AdminResponse auditVerify() throws Exception {
    AuditVerification result = services.store().audit().verify();
    ObjectNode body = JSON.createObjectNode();
    body.put("ok", result.ok());
    body.put("checked_entries", result.checkedEntries());
    if (!result.ok()) {
      body.put("problem", result.problem().name());
      body.put("broken_seq", result.brokenSeq());
      body.put("reason", result.reason());
    }
    return ok(body);
  }

  /** An online backup into {@code dir/<UTC time>/} (an absolute path on the KDC's machine). */
  private AdminResponse backup(Path dir) throws Exception {
    if (!dir.isAbsolute()) {
      return usage("backup DIR (an absolute path)");
    }
    Path folder = new KdcBackup(services.paths(), services.settings(), clock).backup(dir);
    services.store().audit().append(AuditType.BACKUP, ADMIN, folder.toString(), "");
    ObjectNode body = JSON.createObjectNode();
    body.put("backup", folder.toString());
    return ok(body);
  }

  private static AdminResponse ok(ObjectNode body) throws Exception {
    return AdminResponse.of(AdminStatus.OK, JSON.writeValueAsString(body));
  }

  private static AdminResponse usage(String usage) {
    return AdminResponse.of(AdminStatus.INVALID_ARGUMENTS, "usage: " + usage);
  }
}
