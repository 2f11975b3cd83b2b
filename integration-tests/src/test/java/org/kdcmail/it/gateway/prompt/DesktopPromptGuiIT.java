package org.kdcmail.it.gateway.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;
import static org.kdcmail.it.gateway.MailSystem.mkId;
import static org.kdcmail.it.gateway.MailSystem.mkPassword;
import static org.kdcmail.testing.desktop.SwingDriver.await;
import static org.kdcmail.testing.desktop.SwingDriver.find;
import static org.kdcmail.testing.desktop.SwingDriver.onEdt;
import static org.kdcmail.testing.desktop.SwingDriver.runOnEdt;

import java.awt.Window;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JPasswordField;
import javax.swing.JTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.cli.desktop.DesktopApp;
import org.kdcmail.it.gateway.smtp.SmtpDialog;
import org.kdcmail.plugin.desktop.MkPrompt;
import org.kdcmail.plugin.desktop.StatusWindow;
import org.kdcmail.testing.RequiresProgram;
import org.kdcmail.testing.desktop.RequiresDisplay;
import org.kdcmail.testing.desktop.Screenshots;
import org.kdcmail.testing.desktop.SwingDriver;

/**
 * {@code kdcmail desktop} against a whole gateway on a virtual display: a message from locked alice
 * makes the gateway ask, the app's MK prompt appears, the entry typed through the robot unlocks,
 * and the held SMTP transaction gets 250.
 */
@RequiresProgram(value = "Xvfb", debianPackage = "xvfb")
@RequiresDisplay
class DesktopPromptGuiIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path folder;
  private final SwingDriver driver = SwingDriver.create();

  @AfterEach
  void disposeWindows() {
    runOnEdt(
        () -> {
          for (Window w : Window.getWindows()) {
            w.dispose();
          }
        });
  }

  private static Optional<JDialog> shownPrompt() {
    return onEdt(
        () ->
            Arrays.stream(Window.getWindows())
                .filter(w -> w instanceof JDialog && "mkPrompt".equals(w.getName()))
                .filter(Window::isShowing)
                .map(w -> (JDialog) w)
                .findFirst());
  }

  @Test
  void gatewayAsks_promptAppears_typedEntryUnlocks_heldMessageGoesOut() throws Exception {
    try (PromptFixture f = new PromptFixture(folder, b -> b.promptWait(WAIT));
        DesktopApp app = DesktopApp.start(f.mail.home(), List.of(ALICE))) {
      await(
          "the app to register as alice's prompt",
          WAIT,
          () -> f.gateway.prompts().registry().registered(ALICE));
      SmtpDialog smtp = f.smtpLogin(ALICE);
      CompletableFuture<SmtpDialog.Reply> sent =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  smtp.send("MAIL FROM:<" + ALICE + ">");
                  smtp.send("RCPT TO:<" + BOB + ">");
                  return smtp.data(
                      ("From: "
                              + ALICE
                              + "\r\nTo: "
                              + BOB
                              + "\r\nSubject: via the desktop\r\n\r\n"
                              + "hello\r\n")
                          .getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      await("the MK prompt", WAIT, () -> shownPrompt().isPresent());
      JDialog prompt = shownPrompt().orElseThrow();
      assertThat(onEdt(prompt::getTitle)).isEqualTo("kdcmail: unlock " + ALICE);
      driver.focus(find(prompt, MkPrompt.MK_ID, JPasswordField.class));
      driver.type(mkId(ALICE));
      driver.focus(find(prompt, MkPrompt.MK_PASSWORD, JPasswordField.class));
      driver.type(mkPassword(ALICE));
      Screenshots.inTarget().save(prompt, "desktop-prompt-filled");
      runOnEdt(() -> find(prompt, MkPrompt.SUBMIT, JButton.class).doClick());

      SmtpDialog.Reply reply = sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
      assertThat(f.gateway.keys().isUnlocked(ALICE)).isTrue();
      assertThat(f.mail.office().getReceivedMessages()).hasSize(1);
      await("the prompt to close", WAIT, () -> shownPrompt().isEmpty());
      app.window().refresh();
      await(
          "the status window to show alice unlocked",
          WAIT,
          () ->
              onEdt(
                  () ->
                      "unlocked"
                          .equals(
                              find(app.window().window(), StatusWindow.TABLE, JTable.class)
                                  .getValueAt(0, 1))));
      Screenshots.inTarget().save(app.window().window(), "desktop-status-unlocked");
      smtp.close();
    }
  }
}
