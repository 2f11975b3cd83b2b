package org.kdcmail.it.gateway.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;
import static org.kdcmail.it.gateway.MailSystem.CAROL;
import static org.kdcmail.it.gateway.MailSystem.DAVE;
import static org.kdcmail.it.gateway.MailSystem.mkId;
import static org.kdcmail.it.gateway.MailSystem.mkPassword;
import static org.kdcmail.it.gateway.MailSystem.password;
import static org.kdcmail.it.gateway.prompt.PromptFixture.q;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.gateway.smtp.SmtpDialog;
import org.slf4j.LoggerFactory;

/**
 * The prompts' HTTP contract (docs/gateway.md, "Prompts and the Thunderbird extension") against a
 * whole gateway, GreenMail as the office server and the real KDC: MK-entry unlock, pairing and the
 * recipient check.
 */
class PromptEndpointsIT {
  @TempDir Path folder;
  private PromptFixture f;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void start() throws Exception {
    log.start();
    root.addAppender(log);
    f = new PromptFixture(folder, b -> b);
  }

  @AfterEach
  void stop() {
    root.detachAppender(log);
    if (f != null) {
      f.close();
    }
  }

  private static String entry(String user, String id, String pwd) {
    return "{\"user\":" + q(user) + ",\"mkId\":" + q(id) + ",\"mkPassword\":" + q(pwd) + "}";
  }

  @Test
  void unlock_afterSmtpAuth_usesTheRememberedLoginPassword() throws Exception {
    String token = f.tokenOf(ALICE);
    assertThat(
            f.get("/prompt/state?user=" + ALICE, token)
                .json()
                .path("loginPasswordKnown")
                .asBoolean())
        .isFalse();
    try (SmtpDialog d = f.smtpLogin(ALICE)) {
      d.send("QUIT");
    }
    PromptFixture.Answer state = f.get("/prompt/state?user=" + ALICE, token);
    assertThat(state.json().path("loginPasswordKnown").asBoolean()).isTrue();
    assertThat(state.json().path("unlocked").asBoolean()).isFalse();

    PromptFixture.Answer a =
        f.post("/prompt/unlock", token, entry(ALICE, mkId(ALICE), mkPassword(ALICE)));

    assertThat(a.status()).as(a.text()).isEqualTo(200);
    assertThat(a.json().path("unlocked").asBoolean()).isTrue();
    assertThat(a.json().path("expiresAt").asText()).isNotBlank();
    assertThat(f.gateway.keys().isUnlocked(ALICE)).isTrue();
  }

  @Test
  void unlock_givenLoginPassword_unlocks() throws Exception {
    String body =
        "{\"user\":"
            + q(BOB)
            + ",\"mkId\":"
            + q(mkId(BOB))
            + ",\"mkPassword\":"
            + q(mkPassword(BOB))
            + ",\"loginPassword\":"
            + q(password(BOB))
            + "}";

    PromptFixture.Answer a = f.post("/prompt/unlock", f.tokenOf(BOB), body);

    assertThat(a.status()).as(a.text()).isEqualTo(200);
    assertThat(f.gateway.keys().isUnlocked(BOB)).isTrue();
  }

  @Test
  void unlock_wrongMkPassword_403_nothingUnlocked_neverLogged() throws Exception {
    String secret = "Wr0ng-mk-secret-7741";
    String body =
        "{\"user\":"
            + q(BOB)
            + ",\"mkId\":"
            + q(mkId(BOB))
            + ",\"mkPassword\":"
            + q(secret)
            + ",\"loginPassword\":"
            + q(password(BOB))
            + "}";

    PromptFixture.Answer a = f.post("/prompt/unlock", f.tokenOf(BOB), body);

    assertThat(a.status()).isEqualTo(403);
    assertThat(a.json().path("error").asText()).isEqualTo("master key ID or password is wrong");
    assertThat(f.gateway.keys().isUnlocked(BOB)).isFalse();
    assertThat(log.list).isNotEmpty();
    assertThat(log.list)
        .allSatisfy(
            e -> {
              assertThat(e.getFormattedMessage()).doesNotContain(secret).doesNotContain(mkId(BOB));
            });
  }

  @Test
  void unlock_noLoginPasswordKnownOrGiven_409() throws Exception {
    PromptFixture.Answer a =
        f.post("/prompt/unlock", f.tokenOf(CAROL), entry(CAROL, mkId(CAROL), mkPassword(CAROL)));

    assertThat(a.status()).isEqualTo(409);
    assertThat(a.json().path("error").asText()).isEqualTo("login password needed");
    assertThat(f.gateway.keys().isUnlocked(CAROL)).isFalse();
  }

  @Test
  void unlock_wrongLoginPassword_401() throws Exception {
    String body =
        "{\"user\":"
            + q(BOB)
            + ",\"mkId\":"
            + q(mkId(BOB))
            + ",\"mkPassword\":"
            + q(mkPassword(BOB))
            + ",\"loginPassword\":\"not-bobs\"}";

    PromptFixture.Answer a = f.post("/prompt/unlock", f.tokenOf(BOB), body);

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.json().path("error").asText()).isEqualTo("login password is wrong");
  }

  @Test
  void prompt_anotherUsersToken_403_noToken_401() throws Exception {
    assertThat(f.post("/prompt/unlock", f.tokenOf(BOB), entry(ALICE, "x", "y")).status())
        .isEqualTo(403);
    assertThat(f.get("/prompt/state?user=" + ALICE, f.tokenOf(BOB)).status()).isEqualTo(403);
    assertThat(f.get("/prompt/state?user=" + ALICE, null).status()).isEqualTo(401);
    assertThat(f.get("/prompt/state?user=" + ALICE, "ab".repeat(32)).status()).isEqualTo(401);
  }

  @Test
  void pairing_goodCodeOnce_tokenActsForThatUserOnly() throws Exception {
    PromptFixture.Answer code = f.post("/pair/new", f.tokenOf(BOB), "{\"user\":" + q(BOB) + "}");
    assertThat(code.status()).as(code.text()).isEqualTo(200);
    String digits = code.json().path("code").asText();
    assertThat(digits).matches("[0-9]{8}");

    PromptFixture.Answer paired = f.post("/pair", null, "{\"code\":" + q(digits) + "}");
    assertThat(paired.status()).isEqualTo(200);
    assertThat(paired.json().path("user").asText()).isEqualTo(BOB);
    String token = paired.json().path("token").asText();
    assertThat(token).matches("[0-9a-f]{64}");

    assertThat(f.get("/prompt/state?user=" + BOB, token).status()).isEqualTo(200);
    assertThat(f.get("/prompt/state?user=" + ALICE, token).status()).isEqualTo(403);
    assertThat(f.post("/pair", null, "{\"code\":" + q(digits) + "}").status())
        .as("a used code")
        .isEqualTo(403);
    assertThat(java.nio.file.Files.readString(f.mail.home().resolve("gateway/paired.json")))
        .doesNotContain(token);

    assertThat(f.post("/pair/revoke", f.tokenOf(BOB), "{\"user\":" + q(BOB) + "}").status())
        .isEqualTo(200);
    assertThat(f.get("/prompt/state?user=" + BOB, token).status()).isEqualTo(401);
  }

  @Test
  void pairing_wrongCode_403_newCodeNeedsTheUsersToken() throws Exception {
    assertThat(f.post("/pair", null, "{\"code\":\"00000000\"}").status()).isEqualTo(403);
    assertThat(f.post("/pair/new", f.tokenOf(ALICE), "{\"user\":" + q(BOB) + "}").status())
        .isEqualTo(401);
  }

  @Test
  void recipients_senderUnlocked_enrolledEncrypt_othersByPolicy() throws Exception {
    f.post(
        "/prompt/unlock",
        f.tokenOf(ALICE),
        "{\"user\":"
            + q(ALICE)
            + ",\"mkId\":"
            + q(mkId(ALICE))
            + ",\"mkPassword\":"
            + q(mkPassword(ALICE))
            + ",\"loginPassword\":"
            + q(password(ALICE))
            + "}");

    PromptFixture.Answer a =
        f.post(
            "/prompt/recipients",
            f.tokenOf(ALICE),
            "{\"sender\":" + q(ALICE) + ",\"recipients\":[" + q(BOB) + "," + q(DAVE) + "]}");

    assertThat(a.status()).as(a.text()).isEqualTo(200);
    assertThat(a.json().path("policy").asText()).isEqualTo("reject");
    assertThat(a.json().path("recipients").get(0).path("address").asText()).isEqualTo(BOB);
    assertThat(a.json().path("recipients").get(0).path("enrolled").asBoolean()).isTrue();
    assertThat(a.json().path("recipients").get(0).path("action").asText()).isEqualTo("encrypt");
    assertThat(a.json().path("recipients").get(1).path("enrolled").isBoolean()).isTrue();
    assertThat(a.json().path("recipients").get(1).path("enrolled").asBoolean()).isFalse();
    assertThat(a.json().path("recipients").get(1).path("action").asText()).isEqualTo("reject");
    assertThat(a.json().has("note")).isFalse();
  }

  @Test
  void recipients_senderLocked_unknownWithANote() throws Exception {
    PromptFixture.Answer a =
        f.post(
            "/prompt/recipients",
            f.tokenOf(CAROL),
            "{\"sender\":" + q(CAROL) + ",\"recipients\":[" + q(BOB) + "]}");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("recipients").get(0).path("enrolled").isNull()).isTrue();
    assertThat(a.json().path("recipients").get(0).path("action").asText()).isEqualTo("unknown");
    assertThat(a.json().path("note").asText()).contains("locked");
  }
}
