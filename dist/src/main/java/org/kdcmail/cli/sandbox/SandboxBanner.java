package org.kdcmail.cli.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code kdcmail sandbox} prints once everything runs: the users and their secrets, the mail
 * client settings, the commands to run next, and what runs behind the gateway.
 */
public final class SandboxBanner {
  /** The first line; scripts and tests wait for it. */
  public static final String READY = "kdcmail sandbox is running";

  private SandboxBanner() {}

  /**
   * The text for {@code sandbox}.
   *
   * @param home the home folder
   * @param command how to call kdcmail from a second terminal (e.g. {@code ./kdcmail}, with {@code
   *     --home DIR} when the home is not the default)
   */
  public static String text(Sandbox sandbox, Path home, String command) {
    SandboxPorts p = sandbox.ports();
    List<String> l = new ArrayList<>();
    l.add(READY + " (loopback only; Ctrl-C stops it)");
    l.add("");
    l.add("Users (log in with the full address; both start locked):");
    for (SandboxUser u : SandboxUser.ALL) {
      l.add(
          String.format(
              Locale.ROOT,
              "  %-20s login password: %-6s master key ID: %-9s master key password: %s",
              u.address(),
              u.loginPassword(),
              u.mkId(),
              u.mkPassword()));
    }
    l.add("");
    l.add("Mail client settings (Thunderbird or any other client):");
    l.add("  incoming  POP3  server 127.0.0.1  port " + p.pop3() + "  username: the full address");
    l.add("  outgoing  SMTP  server 127.0.0.1  port " + p.smtp() + "  username: the full address");
    l.add("  connection security: none (STARTTLS is offered too), authentication: normal password");
    l.add("  plain login is allowed because the gateway listens on loopback only;");
    l.add("  its certificate is self-signed, SHA-256 " + sandbox.gateway().tls().fingerprint());
    l.add("");
    l.add("Next, in a second terminal:");
    for (SandboxUser u : SandboxUser.ALL) {
      l.add("  " + command + " unlock --user " + u.address());
    }
    l.add("  " + command + " status");
    l.add("  " + command + " admin users");
    l.add("");
    l.add("Send as alice and read as bob, e.g. with curl:");
    l.add(
        "  printf 'From: alice@example.test\\r\\nTo: bob@example.test\\r\\nSubject: hello\\r\\n\\r\\n"
            + "Hi Bob!\\r\\n' > hello.eml");
    l.add(
        "  curl smtp://127.0.0.1:"
            + p.smtp()
            + " --user alice@example.test:alice --mail-from alice@example.test"
            + " --mail-rcpt bob@example.test --upload-file hello.eml");
    l.add("  curl pop3://127.0.0.1:" + p.pop3() + "/1 --user bob@example.test:bob");
    l.add("");
    l.add("Behind the gateway:");
    l.add(
        "  office mail server  GreenMail for example.test, SMTP 127.0.0.1:"
            + p.officeSmtp()
            + ", POP3 127.0.0.1:"
            + p.officePop3()
            + " (holds only ciphertext;");
    l.add("                      its mail is kept in memory and lost when the sandbox stops)");
    l.add(
        "  KDC                 127.0.0.1:"
            + p.kdc()
            + ", entropy: the operating system (not quantum), fingerprint "
            + sandbox.kdcFingerprint());
    l.add("  KDC databases       " + sandbox.data());
    l.add("  gateway HTTP        http://127.0.0.1:" + p.http() + "/health and /metrics");
    l.add("  home folder         " + home + " (KDC folder, client stores, tokens)");
    return String.join(System.lineSeparator(), l) + System.lineSeparator();
  }
}
