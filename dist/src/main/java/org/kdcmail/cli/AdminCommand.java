package org.kdcmail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kdcmail.kdc.protocol.admin.AdminRequest;
import org.kdcmail.kdc.protocol.admin.AdminResponse;
import org.kdcmail.kdc.protocol.admin.AdminStatus;
import org.kdcmail.kdc.protocol.admin.AdminToken;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.wire.FrameCodec;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail admin ...}: commands sent to the running KDC over loopback, authenticated by the
 * admin token in the KDC's folder. They never prompt.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description =
        "Administer the running KDC (invite, rotate, users, disable, enable, revoke, audit,"
            + " backup).",
    subcommands = {
      AdminCommand.Invite.class,
      AdminCommand.Rotate.class,
      AdminCommand.Users.class,
      AdminCommand.Disable.class,
      AdminCommand.Enable.class,
      AdminCommand.Revoke.class,
      AdminCommand.Audit.class,
      AdminCommand.Backup.class
    })
final class AdminCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The largest answer accepted: an audit listing of 10,000 entries is about 2 MB, far above the
   * transport's default 64 KiB.
   */
  static final int MAX_ANSWER_BYTES = FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES;

  @ParentCommand KdcmailCommand root;

  /** Sends one command to the KDC whose folder is under the home folder; returns the JSON body. */
  JsonNode send(String command, List<String> args) throws IOException {
    KdcPaths paths = KdcPaths.underHome(root.home().path());
    KdcSettings settings = KdcSettings.read(paths.settings());
    AdminToken token = AdminToken.read(paths.root());
    InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
    try (KdcConnection connection =
        KdcConnection.connect(
            address,
            KdcConnection.DEFAULT_CONNECT_TIMEOUT,
            KdcConnection.DEFAULT_READ_TIMEOUT,
            MAX_ANSWER_BYTES)) {
      AdminResponse response =
          AdminResponse.decode(
              connection.exchange(new AdminRequest(token, command, args).toFrame()).payload());
      if (response.status() != AdminStatus.OK) {
        throw new IOException("the KDC refused '" + command + "': " + response.bodyText());
      }
      return JSON.readTree(response.bodyText());
    }
  }

  /** Options every admin subcommand shares. */
  abstract static class Subcommand implements Callable<Integer> {
    @ParentCommand AdminCommand admin;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the KDC's answer as JSON on standard output.")
    boolean json;

    abstract String command();

    abstract List<String> arguments();

    abstract void print(JsonNode body, PrintWriter out);

    /** The KDC's last answer, for subclasses that decide their exit status from it. */
    JsonNode lastBody;

    @Override
    public Integer call() throws Exception {
      JsonNode body = admin.send(command(), arguments());
      lastBody = body;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
      } else {
        print(body, out);
      }
      out.flush();
      return 0;
    }
  }

  /** What {@code invite} and {@code rotate} take: the user and how long the code lives. */
  abstract static class InvitationSubcommand extends Subcommand {
    @Parameters(paramLabel = "USER", description = "The user's mail address.")
    String user;

    @Option(
        names = "--expires",
        paramLabel = "HOURS",
        description = "Hours until the code expires (default: the KDC's setting, 72).")
    Integer hours;

    @Override
    List<String> arguments() {
      return hours == null ? List.of(user) : List.of(user, "PT" + hours + "H");
    }
  }

  /** {@code kdcmail admin invite USER}. */
  @Command(
      name = "invite",
      mixinStandardHelpOptions = true,
      description =
          "Creates a one-time enrollment invitation and prints its code, its expiry and the KDC's"
              + " identity fingerprint, to hand to the user out of band.")
  static final class Invite extends InvitationSubcommand {
    @Override
    String command() {
      return "invite";
    }

    @Override
    void print(JsonNode body, PrintWriter out) {
      printInvitation(body, out, "");
    }
  }

  /**
   * What {@code invite} and {@code rotate} print: the code, its expiry, the KDC's fingerprint and
   * the command the user runs ({@code enrollOptions} appended, e.g. {@code --replace}).
   */
  static void printInvitation(JsonNode body, PrintWriter out, String enrollOptions) {
    out.println("invitation for " + body.get("user").asText());
    out.println("  enrollment code:  " + body.get("code").asText());
    out.println("  expires:          " + body.get("expires").asText());
    out.println("  KDC fingerprint:  " + body.get("fingerprint").asText());
    out.println(
        "Give the code and the fingerprint to the user (read aloud or on paper); they run:");
    out.println(
        "  kdcmail enroll --kdc HOST:PORT --fingerprint "
            + body.get("fingerprint").asText()
            + " --user "
            + body.get("user").asText()
            + enrollOptions);
  }

  /** {@code kdcmail admin rotate USER}. */
  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Gives an enrolled user a new master key through a fresh enrollment invitation: prints the"
            + " same code, expiry and fingerprint as invite. The current key keeps working until"
            + " the user enrolls again; the new enrollment replaces it (key version + 1).",
        "To cut a compromised key off at once, run 'admin disable USER' first: enrolling again"
            + " makes the user active."
      })
  static final class Rotate extends InvitationSubcommand {
    @Override
    String command() {
      return "rotate";
    }

    @Override
    void print(JsonNode body, PrintWriter out) {
      out.println(
          "key rotation for "
              + body.get("user").asText()
              + " (current key version "
              + body.get("key_version").asInt()
              + ")");
      printInvitation(body, out, " --replace");
    }
  }

  /** {@code kdcmail admin users}. */
  @Command(name = "users", mixinStandardHelpOptions = true, description = "Lists enrolled users.")
  static final class Users extends Subcommand {
    @Override
    String command() {
      return "users";
    }

    @Override
    List<String> arguments() {
      return List.of();
    }

    @Override
    void print(JsonNode body, PrintWriter out) {
      JsonNode users = body.get("users");
      if (users.isEmpty()) {
        out.println("no users enrolled");
      }
      for (JsonNode user : users) {
        out.printf(
            "%-40s %-9s key version %d, enrolled %s%n",
            user.get("user").asText(),
            user.get("status").asText(),
            user.get("key_version").asInt(),
            user.get("created").asText());
      }
    }
  }

  /** {@code kdcmail admin disable USER}. */
  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disables a user: the KDC issues no keys for or to them until enabled.")
  static final class Disable extends Subcommand {
    @Parameters(paramLabel = "USER")
    String user;

    @Override
    String command() {
      return "disable";
    }

    @Override
    List<String> arguments() {
      return List.of(user);
    }

    @Override
    void print(JsonNode body, PrintWriter out) {
      out.println(body.get("user").asText() + " is disabled");
    }
  }

  /** {@code kdcmail admin enable USER}. */
  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a user again.")
  static final class Enable extends Subcommand {
    @Parameters(paramLabel = "USER")
    String user;

    @Override
    String command() {
      return "enable";
    }

    @Override
    List<String> arguments() {
      return List.of(user);
    }

    @Override
    void print(JsonNode body, PrintWriter out) {
      out.println(body.get("user").asText() + " is enabled");
    }
  }

  /** {@code kdcmail admin revoke --key-id ID | --batch BATCH}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Revokes one issued session key, or every key drawn from a QRNG batch: their tickets are"
              + " refused from now on.")
  static final class Revoke extends Subcommand {
    @picocli.CommandLine.ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
      @Option(names = "--key-id", paramLabel = "ID", required = true)
      String keyId;

      @Option(names = "--batch", paramLabel = "BATCH", required = true)
      String batch;
    }

    @Override
    String command() {
      return target.keyId != null ? "revoke-key" : "revoke-batch";
    }

    @Override
    List<String> arguments() {
      return List.of(target.keyId != null ? target.keyId : target.batch);
    }

    @Override
    void print(JsonNode body, PrintWriter out) {
      out.println("revoked " + body.get("revoked").asInt() + " key(s)");
    }
  }

  /** {@code kdcmail admin audit [--verify] [--json]}. */
  @Command(
      name = "audit",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the KDC's append-only, hash-chained audit log, or with --verify checks the chain.",
        "Exit status with --verify: 0 when the chain holds, 1 when a row was edited or deleted."
      })
  static final class Audit extends Subcommand {
    @Option(names = "--verify", description = "Check the hash chain instead of listing entries.")
    boolean verify;

    @Option(
        names = "--limit",
        defaultValue = "1000",
        description = "Entries to list, oldest first. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    String command() {
      return verify ? "audit-verify" : "audit";
    }

    @Override
    List<String> arguments() {
      return verify ? List.of() : List.of(Integer.toString(limit));
    }

    @Override
    public Integer call() throws Exception {
      int status = super.call();
      return verify && !lastBody.get("ok").asBoolean() ? ReadableErrors.EXIT_FAILURE : status;
    }

    @Override
    void print(JsonNode body, PrintWriter out) {
      if (verify) {
        out.println(
            body.get("ok").asBoolean()
                ? "audit chain holds (" + body.get("checked_entries").asLong() + " entries)"
                : "audit chain BROKEN at entry "
                    + body.get("broken_seq").asLong()
                    + ": "
                    + body.get("reason").asText());
        return;
      }
      for (JsonNode entry : body.get("entries")) {
        out.printf(
            "%6d  %s  %-14s %s -> %s %s%n",
            entry.get("seq").asLong(),
            entry.get("time").asText(),
            entry.get("type").asText(),
            entry.get("actor").asText(),
            entry.get("subject").asText(),
            entry.has("detail") ? entry.get("detail").asText() : "");
      }
    }
  }

  /** {@code kdcmail admin backup DIR}. */
  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description = {
        "Online backup of the running KDC's Derby store and key bank, its settings and wrapped KEK"
            + " into DIR/<UTC time>/ (never the passphrase or PIN). Restore with 'kdc restore'.",
        "A KDC on PostgreSQL refuses: back its database up with pg_dump (docs/operations.md)."
      })
  static final class Backup extends Subcommand {
    @Parameters(paramLabel = "DIR", description = "Folder that receives the backup.")
    Path dir;

    @Override
    String command() {
      return "backup";
    }

    @Override
    List<String> arguments() {
      return List.of(dir.toAbsolutePath().normalize().toString());
    }

    @Override
    void print(JsonNode body, PrintWriter out) {
      out.println("backup written to " + body.get("backup").asText());
    }
  }
}
