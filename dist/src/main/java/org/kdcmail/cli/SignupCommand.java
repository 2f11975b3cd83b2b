package org.kdcmail.cli;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.desktop.EnrollmentSignUp;
import org.kdcmail.plugin.desktop.SignUpForm;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentResult;
import org.kdcmail.plugin.enroll.KdcAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail signup}: the desktop sign-up form for the KDC at {@code --kdc} with the pinned
 * {@code --fingerprint}; the same enrollment as {@code kdcmail enroll}, in a window. Exits 0 once
 * enrolled, 1 when cancelled or without a desktop.
 */
@Command(
    name = "signup",
    mixinStandardHelpOptions = true,
    description = {
      "Open the sign-up form: enroll with the KDC and write HOME/users/USER/client.store.",
      "Needs a desktop; in a terminal use 'kdcmail enroll'."
    })
final class SignupCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @ParentCommand private KdcmailCommand parent;

  @Option(
      names = "--kdc",
      paramLabel = "HOST:PORT",
      description = "Where the KDC listens (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1:7750")
  private String kdc;

  @Option(
      names = "--fingerprint",
      required = true,
      paramLabel = "FP",
      description =
          "The KDC fingerprint of this office; the form shows it for the user to compare.")
  private String fingerprint;

  private final ClientKdfSettings settings;

  /** The command as the CLI runs it: RFC 9106 costs. */
  SignupCommand() {
    this(ClientKdfSettings.production());
  }

  /** A command with these costs (tests). */
  SignupCommand(ClientKdfSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Integer call() throws Exception {
    KdcAddress address = parse(() -> KdcAddress.parse(kdc), "--kdc");
    IdentityFingerprint pinned =
        parse(() -> IdentityFingerprint.parse(fingerprint), "--fingerprint");
    if (GraphicsEnvironment.isHeadless()) {
      throw new IllegalStateException(
          "signup needs a desktop (no display here); use 'kdcmail enroll' in a terminal");
    }
    Path home = parent.home().ensureExists();
    SignUpForm form =
        SignUpForm.show(
            null,
            new EnrollmentSignUp(new Enrollment(settings), address, pinned, new ClientPaths(home)));
    Optional<EnrollmentResult> result = form.outcome().get();
    if (result.isEmpty()) {
      spec.commandLine().getErr().println("kdcmail: sign-up cancelled; nothing was stored");
      return ReadableErrors.EXIT_FAILURE;
    }
    spec.commandLine()
        .getOut()
        .println(
            "enrolled "
                + result.get().username()
                + " with the KDC at "
                + result.get().kdc()
                + "; store: "
                + result.get().storePath());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private <T> T parse(java.util.function.Supplier<T> parser, String what) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), what + ": " + e.getMessage(), e);
    }
  }
}
