package org.kdcmail.it.gateway.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;
import static org.kdcmail.it.gateway.MailSystem.mkId;
import static org.kdcmail.it.gateway.MailSystem.mkPassword;
import static org.kdcmail.it.gateway.prompt.PromptFixture.q;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.gateway.smtp.SmtpDialog;

/**
 * Prompt on demand: a message that needs a locked key holds the SMTP client while a registered
 * prompt ({@code GET /prompt/next}) is asked, and goes out once it answers; without a prompt, or
 * when the prompt does not answer in time, the client gets 451.
 */
class PromptOnDemandIT {
  @TempDir Path folder;

  private static byte[] message() {
    return ("From: "
            + ALICE
            + "\r\nTo: "
            + BOB
            + "\r\nSubject: held for the prompt\r\n"
            + "Message-ID: <prompt-"
            + System.nanoTime()
            + "@example.test>\r\n\r\nhello bob\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static SmtpDialog.Reply submit(SmtpDialog d) throws Exception {
    assertThat(d.send("MAIL FROM:<" + ALICE + ">").code()).isEqualTo(250);
    assertThat(d.send("RCPT TO:<" + BOB + ">").code()).isEqualTo(250);
    return d.data(message());
  }

  /** Opens a long poll for alice and, if {@code answer}, posts the MK entry when asked. */
  private static CompletableFuture<Integer> prompt(PromptFixture f, String token, boolean answer) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            PromptFixture.Answer next = f.get("/prompt/next?user=" + ALICE + "&wait=25", token);
            if (next.status() == 200 && answer) {
              assertThat(next.json().path("reason").asText()).isEqualTo("smtp");
              f.post(
                  "/prompt/unlock",
                  token,
                  "{\"user\":"
                      + q(ALICE)
                      + ",\"mkId\":"
                      + q(mkId(ALICE))
                      + ",\"mkPassword\":"
                      + q(mkPassword(ALICE))
                      + "}");
            }
            return next.status();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void awaitRegistered(PromptFixture f) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!f.gateway.prompts().registry().registered(ALICE) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(f.gateway.prompts().registry().registered(ALICE)).isTrue();
  }

  @Test
  void lockedKey_promptAnswers_heldMessageGets250() throws Exception {
    try (PromptFixture f = new PromptFixture(folder, b -> b.promptWait(Duration.ofSeconds(20)))) {
      String token = f.tokenOf(ALICE);
      CompletableFuture<Integer> poll = prompt(f, token, true);
      awaitRegistered(f);
      try (SmtpDialog d = f.smtpLogin(ALICE)) {
        long start = System.nanoTime();
        SmtpDialog.Reply reply = submit(d);
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      }
      assertThat(poll.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(f.mail.office().getReceivedMessages()).hasSize(1);
    }
  }

  @Test
  void lockedKey_noPromptRegistered_451AtOnce() throws Exception {
    try (PromptFixture f = new PromptFixture(folder, b -> b.promptWait(Duration.ofSeconds(20)));
        SmtpDialog d = f.smtpLogin(ALICE)) {
      long start = System.nanoTime();
      SmtpDialog.Reply reply = submit(d);
      assertThat(reply.code()).isEqualTo(451);
      assertThat(reply.text()).contains("master key locked");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(f.mail.office().getReceivedMessages()).isEmpty();
    }
  }

  @Test
  void lockedKey_promptNeverAnswers_451AfterThePromptWait() throws Exception {
    Duration wait = Duration.ofSeconds(2);
    try (PromptFixture f = new PromptFixture(folder, b -> b.promptWait(wait))) {
      CompletableFuture<Integer> poll = prompt(f, f.tokenOf(ALICE), false);
      awaitRegistered(f);
      try (SmtpDialog d = f.smtpLogin(ALICE)) {
        long start = System.nanoTime();
        SmtpDialog.Reply reply = submit(d);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(reply.code()).isEqualTo(451);
        assertThat(took).isGreaterThanOrEqualTo(wait).isLessThan(Duration.ofSeconds(15));
      }
      assertThat(poll.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(f.mail.office().getReceivedMessages()).isEmpty();
    }
  }
}
