package org.kdcmail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kdcmail signup} where it cannot open a window. The form itself is tested under Xvfb in
 * mail-plugin and integration-tests.
 */
class SignupCommandTest {

  private static final String FINGERPRINT = "00".repeat(32);

  @TempDir Path home;

  private int run(StringWriter err, String... args) {
    CommandLine commandLine = KdcmailCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 3];
    all[0] = "--home";
    all[1] = home.toString();
    all[2] = "signup";
    System.arraycopy(args, 0, all, 3, args.length);
    return commandLine.execute(all);
  }

  @Test
  void signup_withoutADisplay_pointsToEnroll() {
    assumeTrue(GraphicsEnvironment.isHeadless(), "a display is available here");
    StringWriter err = new StringWriter();

    int status = run(err, "--fingerprint", FINGERPRINT);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("needs a desktop").contains("kdcmail enroll");
  }

  @Test
  void signup_malformedFingerprint_namesTheOption() {
    StringWriter err = new StringWriter();

    int status = run(err, "--fingerprint", "zz");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--fingerprint");
  }
}
