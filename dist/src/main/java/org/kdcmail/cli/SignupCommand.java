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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
      "The form shows the --fingerprint for the user to compare.",
      "Needs a desktop; in a terminal use 'kdcmail enroll'."
    })
final class SignupCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @ParentCommand private KdcmailCommand parent;

  @Mixin private KdcOptions kdc;

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
    KdcAddress address = kdc.address();
    IdentityFingerprint pinned = kdc.fingerprint();
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
}
