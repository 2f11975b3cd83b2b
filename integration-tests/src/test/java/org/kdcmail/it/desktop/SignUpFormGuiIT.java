package org.kdcmail.it.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.testing.desktop.SwingDriver.await;
import static org.kdcmail.testing.desktop.SwingDriver.find;
import static org.kdcmail.testing.desktop.SwingDriver.onEdt;
import static org.kdcmail.testing.desktop.SwingDriver.runOnEdt;

import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.desktop.EnrollmentSignUp;
import org.kdcmail.plugin.desktop.LocalUnlockHandler;
import org.kdcmail.plugin.desktop.MkPrompt;
import org.kdcmail.plugin.desktop.PromptOutcome;
import org.kdcmail.plugin.desktop.SignUpField;
import org.kdcmail.plugin.desktop.SignUpForm;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.kdcmail.plugin.enroll.Enrollment;
import org.kdcmail.plugin.enroll.EnrollmentResult;
import org.kdcmail.plugin.enroll.KdcAddress;
import org.kdcmail.plugin.unlock.Unlocker;
import org.kdcmail.testing.RequiresProgram;
import org.kdcmail.testing.desktop.RequiresDisplay;
import org.kdcmail.testing.desktop.Screenshots;
import org.kdcmail.testing.desktop.SwingDriver;

/**
 * The desktop sign-up form enrolls against a real KDC over loopback, typed through the robot on a
 * virtual display; the MK prompt then unlocks the store it wrote. A wrong code is refused in the
 * form and nothing is stored.
 */
@RequiresProgram(value = "Xvfb", debianPackage = "xvfb")
@RequiresDisplay
class SignUpFormGuiIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String USER = "carol@example.test";
  private static final String MK_ID = "green-lamp-31";
  private static final String MK_PASSWORD = "seven quiet rivers";

  @TempDir Path tmp;
  private KdcFixture kdc;
  private ClientPaths paths;
  private final SwingDriver driver = SwingDriver.create();

  @BeforeEach
  void startKdc() throws Exception {
    kdc = new KdcFixture(tmp);
    paths = new ClientPaths(tmp.resolve("home"));
  }

  @AfterEach
  void stop() {
    runOnEdt(
        () -> {
          for (Window w : Window.getWindows()) {
            w.dispose();
          }
        });
    kdc.close();
  }

  private SignUpForm openForm() {
    ClientKdfSettings cheap =
        new ClientKdfSettings(
            KdcFixture.CHEAP,
            KdcFixture.CHEAP,
            new SecureRandom(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30));
    SignUpForm form =
        SignUpForm.show(
            null,
            new EnrollmentSignUp(
                new Enrollment(cheap),
                new KdcAddress("127.0.0.1", kdc.server().port()),
                kdc.server().fingerprint(),
                paths));
    await("the form to show", WAIT, () -> form.window().isShowing());
    return form;
  }

  private void type(SignUpForm form, SignUpField field, String text) {
    driver.focus(find(form.window(), field.componentName(), JPasswordField.class));
    driver.type(text);
  }

  private void fill(SignUpForm form, String code) {
    runOnEdt(
        () ->
            find(form.window(), SignUpField.USERNAME.componentName(), JTextField.class)
                .setText(USER));
    type(form, SignUpField.LOGIN_PASSWORD, "login-pw");
    type(form, SignUpField.MK_ID, MK_ID);
    type(form, SignUpField.MK_PASSWORD, MK_PASSWORD);
    type(form, SignUpField.MK_PASSWORD_CONFIRMATION, MK_PASSWORD);
    type(form, SignUpField.CODE, code);
    runOnEdt(
        () ->
            find(form.window(), SignUpField.FINGERPRINT_CONFIRMED.componentName(), JCheckBox.class)
                .setSelected(true));
  }

  @Test
  void signUp_typedIntoTheForm_enrollsWithTheKdc_andTheMkPromptUnlocksTheStore() throws Exception {
    String code = kdc.admin("invite", USER).get("code").asText();
    SignUpForm form = openForm();
    assertThat(onEdt(() -> find(form.window(), SignUpForm.FINGERPRINT, JTextArea.class).getText()))
        .isEqualTo(
            kdc.server().fingerprint().format().substring(0, 39)
                + "\n"
                + kdc.server().fingerprint().format().substring(40));
    fill(form, code);
    Screenshots.inTarget().save(form.window(), "sign-up-filled");

    runOnEdt(() -> find(form.window(), SignUpForm.SIGN_UP, JButton.class).doClick());

    Optional<EnrollmentResult> enrolled = form.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(enrolled).map(EnrollmentResult::username).contains(USER);
    assertThat(paths.storeFile(USER)).exists();

    List<MasterKey> received = new CopyOnWriteArrayList<>();
    try (LocalUnlockHandler handler =
        new LocalUnlockHandler(
            new Unlocker(KdcFixture.CHEAP, Clock.systemUTC(), d -> {}),
            USER,
            paths.storeFile(USER),
            "login-pw".toCharArray(),
            (user, key) -> received.add(key))) {
      MkPrompt prompt = MkPrompt.show(null, USER, handler);
      await("the prompt to show", WAIT, () -> prompt.window().isShowing());
      driver.focus(find(prompt.window(), MkPrompt.MK_ID, JPasswordField.class));
      driver.type(MK_ID);
      driver.focus(find(prompt.window(), MkPrompt.MK_PASSWORD, JPasswordField.class));
      driver.type("wrong " + MK_PASSWORD);
      runOnEdt(() -> find(prompt.window(), MkPrompt.SUBMIT, JButton.class).doClick());
      await(
          "the wrong-entry message",
          WAIT,
          () ->
              "master key ID or password is wrong"
                  .equals(find(prompt.window(), MkPrompt.MESSAGE, JLabel.class).getText()));

      driver.focus(find(prompt.window(), MkPrompt.MK_ID, JPasswordField.class));
      driver.type(MK_ID);
      driver.focus(find(prompt.window(), MkPrompt.MK_PASSWORD, JPasswordField.class));
      driver.type(MK_PASSWORD);
      runOnEdt(() -> find(prompt.window(), MkPrompt.SUBMIT, JButton.class).doClick());

      assertThat(prompt.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo(PromptOutcome.UNLOCKED);
      assertThat(received).hasSize(1);
      received.get(0).destroy();
    }
  }

  @Test
  void signUp_wrongCode_isRefusedInTheForm_andNothingIsStored() throws Exception {
    kdc.admin("invite", USER);
    SignUpForm form = openForm();
    fill(form, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF");

    runOnEdt(() -> find(form.window(), SignUpForm.SIGN_UP, JButton.class).doClick());

    await(
        "the refusal",
        WAIT,
        () ->
            find(form.window(), SignUpForm.RESULT, JLabel.class)
                .getText()
                .startsWith("the enrollment code is wrong"));
    assertThat(form.outcome()).isNotDone();
    assertThat(Files.exists(paths.storeFile(USER))).isFalse();
    Screenshots.inTarget().save(form.window(), "sign-up-wrong-code");
  }
}
