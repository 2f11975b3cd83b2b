package org.kdcmail.it.gateway.pop3;

import static org.kdcmail.it.gateway.MailSystem.BOB;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup the POP3 gateway ITs share: a fresh {@link Pop3Fixture} for each test, with bob's key
 * unlocked, closed after the test.
 */
abstract class Pop3GatewayTestBase {
  @TempDir Path tmp;
  Pop3Fixture f;

  @BeforeEach
  void startPop3Fixture() throws Exception {
    f = new Pop3Fixture(tmp);
    f.system.unlock(BOB);
  }

  @AfterEach
  void closePop3Fixture() {
    f.close();
  }
}
