package org.kdcmail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.unlock.Unlocker;
import picocli.CommandLine;

/** {@code kdcmail enroll} and {@code kdcmail unlock --check} against a real KDC on loopback. */
class EnrollCommandTest {

  private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);
  private static final String USER = "dave@corp.example";

  @TempDir Path home;
  @TempDir Path kdcFolder;
  private TestKdc kdc;

  @BeforeEach
  void start() throws Exception {
    kdc = new TestKdc(kdcFolder, USER);
  }

  @AfterEach
  void stop() throws Exception {
    kdc.close();
  }

  record Run(int status, String out, String err) {}

  private Run run(Object command, String stdin, String... args) {
    CommandLine commandLine = KdcmailCommand.commandLine();
    // Replace the registered command by this test's instance (cheap Argon2 settings).
    commandLine.getCommandSpec().removeSubcommand(new CommandLine(command).getCommandName());
    commandLine.addSubcommand(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--home";
    all[1] = home.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int status = commandLine.execute(all);
    return new Run(status, out.toString(), err.toString());
  }

  private Run enroll(String answers, String... extra) {
    ClientKdfSettings cheap =
        new ClientKdfSettings(
            CHEAP, CHEAP, new SecureRandom(), Duration.ofSeconds(5), Duration.ofSeconds(10));
    String[] args = {
      "enroll",
      "--kdc",
      kdc.address(),
      "--fingerprint",
      kdc.fingerprint(),
      "--user",
      USER,
      "--stdin"
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return run(new EnrollCommand(stdin(answers), cheap), null, all);
  }

  private Run unlock(String answers) {
    Unlocker unlocker = new Unlocker(CHEAP, Clock.systemUTC(), d -> {});
    return run(
        new UnlockCommand(stdin(answers), unlocker),
        null,
        "unlock",
        "--user",
        USER,
        "--check",
        "--stdin");
  }

  private static ByteArrayInputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private String answers(String code) {
    return "login-pw\nmk-id\nmk-pw\nmk-pw\n" + code + "\n";
  }

  private Path store() {
    return home.resolve("users").resolve(USER).resolve("client.store");
  }

  @Test
  void enroll_thenUnlockCheck_succeeds() {
    Run enrolled = enroll(answers(kdc.code()));
    assertThat(enrolled.err()).isEmpty();
    assertThat(enrolled.status()).isZero();
    assertThat(enrolled.out().strip())
        .isEqualTo(
            "enrolled " + USER + " with the KDC at " + kdc.address() + "; store: " + store());

    Run unlocked = unlock("login-pw\nmk-id\nmk-pw\n");
    assertThat(unlocked.status()).isZero();
    assertThat(unlocked.out().strip()).isEqualTo("master key ID and password are correct");
  }

  @Test
  void enroll_json_printsUserKdcAndStore() {
    Run enrolled = enroll(answers(kdc.code()), "--json");
    assertThat(enrolled.status()).isZero();
    assertThat(enrolled.out())
        .contains("\"user\":\"" + USER + "\"")
        .contains("\"kdc\":\"" + kdc.address() + "\"")
        .contains("\"store\":");
  }

  @Test
  void unlock_wrongPassword_printsTheErrorAndExitsOne() {
    enroll(answers(kdc.code()));
    Run unlocked = unlock("login-pw\nmk-id\nwrong\n");
    assertThat(unlocked.status()).isEqualTo(1);
    assertThat(unlocked.err().strip()).isEqualTo("kdcmail: master key ID or password is wrong");
    assertThat(unlocked.out()).isEmpty();
  }

  @Test
  void enroll_wrongCode_printsTheErrorAndWritesNoStore() {
    String wrong =
        kdc.code().startsWith("0") ? "1" + kdc.code().substring(1) : "0" + kdc.code().substring(1);
    Run enrolled = enroll(answers(wrong));
    assertThat(enrolled.status()).isEqualTo(1);
    assertThat(enrolled.err().strip()).isEqualTo("kdcmail: the enrollment code is wrong");
    assertThat(store()).doesNotExist();
  }

  @Test
  void enroll_masterKeyPasswordsDiffer_failsBeforeContactingTheKdc() throws Exception {
    Run enrolled = enroll("login-pw\nmk-id\nmk-pw\nmk-pX\n" + kdc.code() + "\n");
    assertThat(enrolled.status()).isEqualTo(1);
    assertThat(enrolled.err()).contains("differ");
    assertThat(kdc.users()).isEmpty();
  }

  @Test
  void enroll_malformedCode_namesTheProblem() {
    Run enrolled = enroll(answers("NOT-A-CODE"));
    assertThat(enrolled.status()).isEqualTo(2);
    assertThat(enrolled.err()).contains("code");
    assertThat(store()).doesNotExist();
  }

  @Test
  void unlock_notEnrolled_saysEnrollFirst() {
    Run unlocked = unlock("login-pw\nmk-id\nmk-pw\n");
    assertThat(unlocked.status()).isEqualTo(1);
    assertThat(unlocked.err()).contains("enroll first");
  }
}
