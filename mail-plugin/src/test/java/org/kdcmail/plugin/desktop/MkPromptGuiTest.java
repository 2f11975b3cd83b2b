package org.kdcmail.plugin.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.testing.desktop.SwingDriver.await;
import static org.kdcmail.testing.desktop.SwingDriver.find;
import static org.kdcmail.testing.desktop.SwingDriver.onEdt;
import static org.kdcmail.testing.desktop.SwingDriver.runOnEdt;

import java.awt.Window;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.plugin.enroll.TestSettings;
import org.kdcmail.plugin.unlock.Unlocker;
import org.kdcmail.testing.RequiresProgram;
import org.kdcmail.testing.desktop.RequiresDisplay;
import org.kdcmail.testing.desktop.Screenshots;
import org.kdcmail.testing.desktop.SwingDriver;

/** The MK prompt on a real (virtual) display, against a real store and {@link Unlocker}. */
@RequiresProgram(value = "Xvfb", debianPackage = "xvfb")
@RequiresDisplay
class MkPromptGuiTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private EnrolledStore store;
  private final List<MasterKey> received = new CopyOnWriteArrayList<>();
  private LocalUnlockHandler handler;
  private final SwingDriver driver = SwingDriver.create();

  @BeforeEach
  void enroll() {
    store = EnrolledStore.write(dir);
    handler =
        new LocalUnlockHandler(
            new Unlocker(TestSettings.CHEAP, Clock.systemUTC(), d -> {}),
            EnrolledStore.USER,
            store.path(),
            EnrolledStore.LOGIN.toCharArray(),
            (user, key) -> received.add(key));
  }

  @AfterEach
  void closeWindows() {
    handler.close();
    runOnEdt(
        () -> {
          for (Window w : Window.getWindows()) {
            w.dispose();
          }
        });
  }

  private MkPrompt open(MkEntryHandler entryHandler) {
    MkPrompt prompt = MkPrompt.show(null, EnrolledStore.USER, entryHandler);
    await("the prompt to show", WAIT, () -> prompt.window().isShowing());
    return prompt;
  }

  private static JPasswordField field(MkPrompt prompt, String name) {
    return find(prompt.window(), name, JPasswordField.class);
  }

  private static String message(MkPrompt prompt) {
    return onEdt(() -> find(prompt.window(), MkPrompt.MESSAGE, JLabel.class).getText());
  }

  @Test
  void typedEntry_unlocksAndCloses() throws Exception {
    MkPrompt prompt = open(handler);
    assertThat(onEdt(() -> prompt.window().getTitle())).contains(EnrolledStore.USER);

    driver.focus(field(prompt, MkPrompt.MK_ID));
    driver.type(EnrolledStore.MK_ID);
    driver.focus(field(prompt, MkPrompt.MK_PASSWORD));
    driver.type(EnrolledStore.MK_PASSWORD);
    Screenshots.inTarget().save(prompt.window(), "mk-prompt-typed");
    driver.press(KeyEvent.VK_ENTER);

    assertThat(prompt.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(PromptOutcome.UNLOCKED);
    assertThat(received).containsExactly(store.expected());
    assertThat(onEdt(() -> prompt.window().isShowing())).isFalse();
  }

  @Test
  void wrongEntry_showsTheErrorAndStaysOpenWithEmptyFields() throws Exception {
    MkPrompt prompt = open(handler);
    JPasswordField id = field(prompt, MkPrompt.MK_ID);
    JPasswordField password = field(prompt, MkPrompt.MK_PASSWORD);
    runOnEdt(() -> id.setText(EnrolledStore.MK_ID));
    runOnEdt(() -> password.setText("not the password"));
    runOnEdt(() -> find(prompt.window(), MkPrompt.SUBMIT, JButton.class).doClick());

    await(
        "the wrong-entry message",
        WAIT,
        () -> "master key ID or password is wrong".equals(message(prompt)));
    assertThat(onEdt(() -> prompt.window().isShowing())).isTrue();
    assertThat(prompt.outcome()).isNotDone();
    assertThat(onEdt(() -> id.getDocument().getLength() + password.getDocument().getLength()))
        .isZero();
    await("the focus back on MKey_ID", WAIT, id::isFocusOwner);
    assertThat(received).isEmpty();
    Screenshots.inTarget().save(prompt.window(), "mk-prompt-wrong");

    runOnEdt(() -> id.setText(EnrolledStore.MK_ID));
    runOnEdt(() -> password.setText(EnrolledStore.MK_PASSWORD));
    runOnEdt(() -> find(prompt.window(), MkPrompt.SUBMIT, JButton.class).doClick());
    assertThat(prompt.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(PromptOutcome.UNLOCKED);
  }

  @Test
  void back_cancelsWithoutAnyCheck() throws Exception {
    AtomicInteger checks = new AtomicInteger();
    MkPrompt prompt =
        open(
            (id, pw) -> {
              checks.incrementAndGet();
              return MkEntryResult.accepted();
            });
    JPasswordField id = field(prompt, MkPrompt.MK_ID);
    runOnEdt(() -> id.setText("half typed"));

    runOnEdt(() -> find(prompt.window(), MkPrompt.BACK, JButton.class).doClick());

    assertThat(prompt.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(PromptOutcome.CANCELLED);
    assertThat(checks).hasValue(0);
    assertThat(onEdt(() -> id.getDocument().getLength())).isZero();
  }

  @Test
  void escape_cancels() throws Exception {
    MkPrompt prompt = open(handler);
    driver.focus(field(prompt, MkPrompt.MK_ID));

    driver.press(KeyEvent.VK_ESCAPE);

    assertThat(prompt.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(PromptOutcome.CANCELLED);
  }

  @Test
  void whileChecking_buttonsAreDisabledAndBusyShows_thenTheEntryIsZeroed() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<char[]> seen = new CopyOnWriteArrayList<>();
    List<String> seenText = new CopyOnWriteArrayList<>();
    MkPrompt prompt =
        open(
            (id, pw) -> {
              seen.add(id);
              seen.add(pw);
              seenText.add(new String(id) + "/" + new String(pw));
              release.await();
              return MkEntryResult.failed("the gateway is not running");
            });
    runOnEdt(() -> field(prompt, MkPrompt.MK_ID).setText("id-1"));
    runOnEdt(() -> field(prompt, MkPrompt.MK_PASSWORD).setText("pw-1"));
    JButton submit = find(prompt.window(), MkPrompt.SUBMIT, JButton.class);
    JButton back = find(prompt.window(), MkPrompt.BACK, JButton.class);
    JProgressBar busy = find(prompt.window(), MkPrompt.BUSY, JProgressBar.class);

    runOnEdt(submit::doClick);
    await("the busy state", WAIT, () -> busy.isShowing() && !submit.isEnabled());
    assertThat(onEdt(back::isEnabled)).isFalse();
    runOnEdt(back::doClick);
    assertThat(prompt.outcome()).isNotDone();
    Screenshots.inTarget().save(prompt.window(), "mk-prompt-busy");

    release.countDown();
    await("the failure message", WAIT, () -> message(prompt).contains("gateway is not running"));
    assertThat(onEdt(() -> submit.isEnabled() && back.isEnabled() && !busy.isShowing())).isTrue();
    assertThat(seenText).containsExactly("id-1/pw-1");
    assertThat(seen).hasSize(2).allSatisfy(a -> assertThat(a).hasSize(4).containsOnly('\0'));
  }

  @Test
  void emptyField_asksForBothWithoutChecking() {
    AtomicInteger checks = new AtomicInteger();
    MkPrompt prompt =
        open(
            (id, pw) -> {
              checks.incrementAndGet();
              return MkEntryResult.accepted();
            });
    runOnEdt(() -> field(prompt, MkPrompt.MK_ID).setText("id-1"));

    runOnEdt(() -> find(prompt.window(), MkPrompt.SUBMIT, JButton.class).doClick());

    assertThat(message(prompt)).contains("enter both");
    assertThat(checks).hasValue(0);
  }

  @Test
  void prompt_saysHowAForgottenPasswordIsRecovered() {
    MkPrompt prompt = open(handler);
    String texts =
        onEdt(
            () ->
                String.join(
                    "\n",
                    java.util.Arrays.stream(prompt.window().getContentPane().getComponents())
                        .filter(JLabel.class::isInstance)
                        .map(c -> ((JLabel) c).getText())
                        .toList()));
    assertThat(texts).contains(MkPrompt.FORGOT).contains("kdcmail admin rotate");
    Screenshots.inTarget().save(prompt.window(), "mk-prompt");
  }
}
