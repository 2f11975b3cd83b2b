package org.kdcmail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KdcmailCommandTest {

  /** Runs the command in-process and captures its two output streams. */
  record Run(int status, String out, String err) {
    static Run of(String... args) {
      CommandLine commandLine = KdcmailCommand.commandLine();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));
      int status = commandLine.execute(args);
      return new Run(status, out.toString(), err.toString());
    }
  }

  @Test
  void version_printsProductVersionOnStandardOutput() {
    Run run = Run.of("--version");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("kdcmail ").doesNotContain("unknown");
  }

  @Test
  void help_listsHomeOptionAndQrngCommand() {
    Run run = Run.of("--help");
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("--home=DIR").contains("qrng").contains("KDCMAIL_HOME");
  }

  @Test
  void unknownCommand_failsWithUsageOnStandardError() {
    Run run = Run.of("no-such-command");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("no-such-command");
    assertThat(run.out()).isEmpty();
  }
}
