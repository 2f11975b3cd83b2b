package org.kdcmail.it.gateway.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;
import static org.kdcmail.it.gateway.MailSystem.DAVE;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * POP3 sessions through the gateway: login outcomes (wrong password, locked key then unlock,
 * unenrolled user), deletion only after DELE and QUIT, nothing deleted when the client drops or the
 * gateway stops mid-session, and USER refused before STLS off loopback.
 */
class Pop3SessionIT extends Pop3GatewayTestBase {
  @Test
  void pass_wrongPassword_authError() throws Exception {
    try (Pop3Dialogue d = new Pop3Dialogue(f.gateway.address())) {
      d.expectOk("USER " + BOB);
      assertThat(d.send("PASS not-bobs")).startsWith("-ERR [AUTH] authentication failed");
      assertThat(d.send("STAT")).startsWith("-ERR");
    }
  }

  @Test
  void pass_lockedKey_sysTempThenSuccessAfterUnlock() throws Exception {
    f.deliverEncrypted(Pop3Fixture.plain(ALICE, BOB, "locked", "", "after unlock\r\n"));
    f.system.keys().lock(BOB);
    try (Pop3Dialogue d = new Pop3Dialogue(f.gateway.address())) {
      d.expectOk("USER " + BOB);
      assertThat(d.send("PASS bob"))
          .isEqualTo("-ERR [SYS/TEMP] master key locked: run kdcmail unlock --user " + BOB);
    }
    // the lock state is not told to someone without the password
    try (Pop3Dialogue d = new Pop3Dialogue(f.gateway.address())) {
      d.expectOk("USER " + BOB);
      assertThat(d.send("PASS wrong")).startsWith("-ERR [AUTH]");
    }
    f.system.unlock(BOB);
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      assertThat(new String(d.retr(1), StandardCharsets.UTF_8))
          .startsWith("X-Kdcmail-Status: decrypted")
          .contains("after unlock");
    }
  }

  @Test
  void retr_keyLockedDuringSession_sysTempThenRetrySucceeds() throws Exception {
    f.deliverEncrypted(Pop3Fixture.plain(ALICE, BOB, "mid", "", "mid-session\r\n"));
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      assertThat(d.lines("UIDL")).hasSize(1);
      f.system.keys().lock(BOB);
      assertThat(d.send("RETR 1")).startsWith("-ERR [SYS/TEMP] master key locked");
      assertThat(d.send("LIST")).startsWith("-ERR [SYS/TEMP] master key locked");
      f.system.unlock(BOB);
      assertThat(new String(d.retr(1), StandardCharsets.UTF_8)).contains("mid-session");
    }
  }

  @Test
  void pass_unenrolledUser_plaintextPassesThroughMarked() throws Exception {
    f.mail.deliver(BOB, DAVE, Pop3Fixture.plain(BOB, DAVE, "to dave", "", "hello dave\r\n"));
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), DAVE, "dave")) {
      assertThat(new String(d.retr(1), StandardCharsets.UTF_8))
          .startsWith("X-Kdcmail-Status: not encrypted")
          .contains("hello dave");
    }
  }

  @Test
  void deleThenQuit_deletesUpstream() throws Exception {
    f.deliverEncrypted(Pop3Fixture.plain(ALICE, BOB, "one", "", "1\r\n"));
    f.mail.deliver(DAVE, BOB, Pop3Fixture.plain(DAVE, BOB, "two", "", "2\r\n"));
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      d.expectOk("DELE 1");
      assertThat(d.send("RETR 1")).startsWith("-ERR");
      assertThat(d.expectOk("STAT")).startsWith("+OK 1 ");
      assertThat(f.officeCount(BOB)).isEqualTo(2);
      assertThat(d.send("QUIT")).startsWith("+OK");
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> f.officeCount(BOB) == 1);
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      assertThat(new String(d.retr(1), StandardCharsets.UTF_8)).contains("Subject: two");
    }
  }

  @Test
  void deleThenRset_quitDeletesNothing() throws Exception {
    f.mail.deliver(DAVE, BOB, Pop3Fixture.plain(DAVE, BOB, "keep", "", "k\r\n"));
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      d.expectOk("DELE 1");
      d.expectOk("RSET");
      assertThat(d.send("QUIT")).startsWith("+OK");
    }
    Thread.sleep(500);
    assertThat(f.officeCount(BOB)).isEqualTo(1);
  }

  @Test
  void deleThenClientDrops_nothingDeletedUpstream() throws Exception {
    f.mail.deliver(DAVE, BOB, Pop3Fixture.plain(DAVE, BOB, "keep", "", "k\r\n"));
    Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob");
    d.expectOk("DELE 1");
    d.drop();
    Thread.sleep(1000);
    assertThat(f.officeCount(BOB)).isEqualTo(1);
    try (Pop3Dialogue again = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      assertThat(again.expectOk("STAT")).startsWith("+OK 1 ");
    }
  }

  @Test
  void deleThenGatewayStops_nothingDeletedUpstream() throws Exception {
    f.mail.deliver(DAVE, BOB, Pop3Fixture.plain(DAVE, BOB, "keep", "", "k\r\n"));
    Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob");
    d.expectOk("DELE 1");
    f.gateway.close();
    try {
      d.send("QUIT");
    } catch (java.io.IOException expected) {
      // the gateway is gone
    } finally {
      d.drop();
    }
    Thread.sleep(1000);
    assertThat(f.officeCount(BOB)).isEqualTo(1);
    f.restart(f.system.gatewaySettings().build());
  }

  @Test
  void capa_loopback_offersStlsUserTopUidl() throws Exception {
    try (Pop3Dialogue d = new Pop3Dialogue(f.gateway.address())) {
      assertThat(d.lines("CAPA")).contains("STLS", "USER", "RESP-CODES", "AUTH-RESP-CODE");
    }
    try (Pop3Dialogue d = Pop3Dialogue.login(f.gateway.address(), BOB, "bob")) {
      assertThat(d.lines("CAPA")).contains("TOP", "UIDL").doesNotContain("STLS");
    }
  }

  @Test
  void user_notOnLoopbackWithoutTls_refusedAndNotAdvertised() throws Exception {
    f.restart(f.system.gatewaySettings().bind(InetAddress.getByName("0.0.0.0")).build());
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", f.gateway.address().getPort());
    try (Pop3Dialogue d = new Pop3Dialogue(address)) {
      assertThat(d.lines("CAPA")).contains("STLS").doesNotContain("USER");
      assertThat(d.send("USER " + BOB)).startsWith("-ERR USER and PASS need STLS");
      assertThat(d.send("PASS bob")).startsWith("-ERR");
    }
  }
}
