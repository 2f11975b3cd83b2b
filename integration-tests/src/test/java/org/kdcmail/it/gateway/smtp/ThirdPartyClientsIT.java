package org.kdcmail.it.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.it.gateway.TestMessages;
import org.kdcmail.mime.Verdict;
import org.kdcmail.testing.RequiresProgram;

/**
 * Real third-party SMTP clients, run as processes, submit through the gateway with AUTH (plain on
 * loopback): curl, Python's smtplib and swaks. Bob's stored copy holds no plaintext and unwraps to
 * exactly the bytes the client sent.
 */
class ThirdPartyClientsIT {
  @TempDir static Path folder;
  static SmtpGatewayFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new SmtpGatewayFixture(folder, b -> b);
    f.mail.unlock(ALICE);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  @RequiresProgram(value = "curl", debianPackage = "curl")
  void curl_smtpUpload_bobUnwrapsIt() throws Exception {
    byte[] message = message("curl");
    Path file = write("curl.eml", message);
    assertDelivered(
        message,
        "curl",
        "-sS",
        "--url",
        "smtp://127.0.0.1:" + f.address().getPort(),
        "--mail-from",
        ALICE,
        "--mail-rcpt",
        BOB,
        "--user",
        ALICE + ":" + MailSystem.password(ALICE),
        "--upload-file",
        file.toString());
  }

  @Test
  @RequiresProgram(value = "python3", debianPackage = "python3")
  void pythonSmtplib_bobUnwrapsIt() throws Exception {
    byte[] message = message("python smtplib");
    Path file = write("python.eml", message);
    String script =
        "import smtplib,sys\n"
            + "s=smtplib.SMTP('127.0.0.1', int(sys.argv[1]))\n"
            + "s.login(sys.argv[2], sys.argv[3])\n"
            + "s.sendmail(sys.argv[2], [sys.argv[4]], open(sys.argv[5],'rb').read())\n"
            + "s.quit()\n";
    assertDelivered(
        message,
        "python3",
        "-c",
        script,
        Integer.toString(f.address().getPort()),
        ALICE,
        MailSystem.password(ALICE),
        BOB,
        file.toString());
  }

  @Test
  @RequiresProgram(value = "swaks", debianPackage = "swaks")
  void swaks_authPlain_bobUnwrapsIt() throws Exception {
    byte[] message = message("swaks");
    Path file = write("swaks.eml", message);
    byte[] sent =
        (new String(message, StandardCharsets.UTF_8) + "\r\n").getBytes(StandardCharsets.UTF_8);
    assertDelivered(
        sent, // swaks adds an empty line at the end of the data it reads from a file
        "swaks",
        "--server",
        "127.0.0.1",
        "--port",
        Integer.toString(f.address().getPort()),
        "--auth",
        "PLAIN",
        "--auth-user",
        ALICE,
        "--auth-password",
        MailSystem.password(ALICE),
        "--from",
        ALICE,
        "--to",
        BOB,
        "--data",
        "@" + file);
  }

  private static byte[] message(String client) {
    return TestMessages.plain(
        TestMessages.BODY + " via " + client, "From: Alice <" + ALICE + ">", "To: " + BOB);
  }

  private static Path write(String name, byte[] message) throws Exception {
    Path file = folder.resolve(name);
    Files.write(file, message);
    return file;
  }

  private static void assertDelivered(byte[] message, String... command) throws Exception {
    int before = f.mailbox(BOB).size();
    Path log = folder.resolve(command[0] + ".log");
    Process p =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command[0]).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command[0], Files.readString(log)).isZero();
    List<byte[]> box = f.mailbox(BOB);
    assertThat(box).hasSize(before + 1);
    byte[] stored = box.get(before);
    assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain(TestMessages.BODY);
    SmtpGatewayFixture.Unwrapped u = f.unwrap(BOB, stored);
    assertThat(u.verdict().status()).isEqualTo(Verdict.Status.OK);
    assertThat(u.bytes()).isEqualTo(message);
  }
}
