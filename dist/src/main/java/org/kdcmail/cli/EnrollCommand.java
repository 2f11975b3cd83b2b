package org.kdcmail.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentRequest;
import org.kdcmail.plugin.enroll.EnrollmentResult;
import org.kdcmail.plugin.enroll.KdcAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail enroll}: enrolls a user with the KDC and writes the local store {@code
 * HOME/users/USER/client.store}. Asks, in this order: login password, MK-ID, MK password (twice),
 * enrollment code; with {@code --stdin} reads the same five answers one per line.
 */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Enroll USER with the KDC and write the local store HOME/users/USER/client.store.",
      "Asks for: login password, master key ID, master key password (twice), enrollment code."
    })
final class EnrollCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @ParentCommand private KdcmailCommand parent;

  @Mixin private KdcOptions kdc;

  @Option(names = "--user", required = true, paramLabel = "USER", description = "Your username.")
  private String user;

  @Option(
      names = "--stdin",
      description = "Read the five answers from standard input, one per line, in the order above.")
  private boolean stdin;

  @Option(names = "--replace", description = "Replace an existing local store for USER.")
  private boolean replace;

  @Option(names = "--json", description = "Print the result as JSON on standard output.")
  private boolean json;

  private final InputStream in;
  private final ClientKdfSettings settings;

  /** The command as the CLI runs it: real standard input, RFC 9106 costs. */
  EnrollCommand() {
    this(System.in, ClientKdfSettings.production());
  }

  /** A command reading {@code --stdin} answers from {@code in}, with these costs (tests). */
  EnrollCommand(InputStream in, ClientKdfSettings settings) {
    this.in = Objects.requireNonNull(in, "in");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Integer call() throws Exception {
    KdcAddress address = kdc.address();
    IdentityFingerprint pinned = kdc.fingerprint();
    OptionValue.parse(spec, "--user", () -> ClientPaths.folderName(user));
    Path store = new ClientPaths(home()).storeFile(user);
    EnrollmentRequest request = ask(address, pinned, store);
    EnrollmentResult result;
    try {
      result = new Enrollment(settings).enroll(request);
    } finally {
      request.clear();
    }
    print(result);
    return 0;
  }

  private EnrollmentRequest ask(KdcAddress address, IdentityFingerprint pinned, Path store)
      throws IOException {
    Answers answers = stdin ? Answers.lines(in) : Answers.terminal();
    char[] login = answers.secret("login password");
    char[] mkId = answers.secret("master key ID");
    char[] mkPassword = answers.confirmedSecret("master key password");
    char[] codeText = answers.secret("enrollment code");
    try {
      EnrollmentCode code =
          OptionValue.parse(spec, "code", () -> EnrollmentCode.parse(new String(codeText)));
      return new EnrollmentRequest(
          address, pinned, user, login, mkId, mkPassword, code, store, replace);
    } catch (RuntimeException e) {
      Arrays.fill(login, '\0');
      Arrays.fill(mkId, '\0');
      Arrays.fill(mkPassword, '\0');
      throw e;
    } finally {
      Arrays.fill(codeText, '\0');
    }
  }

  private void print(EnrollmentResult result) throws IOException {
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("user", result.username());
      out.put("kdc", result.kdc().toString());
      out.put("store", result.storePath().toString());
      spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
    } else {
      spec.commandLine()
          .getOut()
          .println(
              "enrolled "
                  + result.username()
                  + " with the KDC at "
                  + result.kdc()
                  + "; store: "
                  + result.storePath());
    }
    spec.commandLine().getOut().flush();
  }

  private Path home() throws IOException {
    HomeDirectory home =
        parent != null
            ? parent.home()
            : HomeDirectory.resolve(
                null, System.getenv(), Path.of(System.getProperty("user.home")));
    return home.ensureExists();
  }
}
