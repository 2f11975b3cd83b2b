package org.kdcmail.cli.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The sandbox's office mail server: GreenMail for {@code example.test} on loopback, with a mailbox
 * for each {@link SandboxUser} (login = full address). Its mail lives in memory only and is gone
 * when the sandbox stops.
 */
final class SandboxOffice implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  private final GreenMail greenMail;

  private SandboxOffice(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Starts SMTP and POP3 on these loopback ports with the sandbox users' mailboxes. */
  static SandboxOffice start(int smtpPort, int pop3Port) {
    GreenMail greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(pop3Port, LOOPBACK, ServerSetup.PROTOCOL_POP3)
            });
    greenMail.start();
    for (SandboxUser user : SandboxUser.ALL) {
      greenMail.setUser(user.address(), user.address(), user.loginPassword());
    }
    return new SandboxOffice(greenMail);
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
