package org.kdcmail.plugin.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.testing.desktop.SwingDriver.await;
import static org.kdcmail.testing.desktop.SwingDriver.find;
import static org.kdcmail.testing.desktop.SwingDriver.onEdt;
import static org.kdcmail.testing.desktop.SwingDriver.runOnEdt;

import java.awt.Window;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.text.JTextComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.plugin.enroll.EnrollmentResult;
import org.kdcmail.plugin.enroll.KdcAddress;
import org.kdcmail.testing.RequiresProgram;
import org.kdcmail.testing.desktop.RequiresDisplay;
import org.kdcmail.testing.desktop.Screenshots;

/**
 * The sign-up form on a real (virtual) display: inline validation, the fingerprint shown read-only,
 * and what reaches the handler. Enrollment against a real KDC is {@code SignUpFormGuiIT}.
 */
@RequiresProgram(value = "Xvfb", debianPackage = "xvfb")
@RequiresDisplay
class SignUpFormGuiTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final KdcAddress KDC = new KdcAddress("kdc.example.test", 7750);
  private static final IdentityFingerprint FINGERPRINT = IdentityFingerprint.of(new byte[32]);

  /** What the handler saw (copies: the form clears the entry afterwards). */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private final List<char[]> seenArrays = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeWindows() {
    runOnEdt(
        () -> {
          for (Window w : Window.getWindows()) {
            w.dispose();
          }
        });
  }

  private SignUpForm open(Function<SignUpEntry, SignUpResult> answer) {
    SignUpForm form =
        SignUpForm.show(
            null,
            new SignUpHandler() {
              @Override
              public KdcAddress kdc() {
                return KDC;
              }

              @Override
              public IdentityFingerprint fingerprint() {
                return FINGERPRINT;
              }

              @Override
              public SignUpResult submit(SignUpEntry entry) {
                seen.add(
                    entry.username()
                        + "|"
                        + new String(entry.loginPassword())
                        + "|"
                        + new String(entry.mkId())
                        + "|"
                        + new String(entry.mkPassword())
                        + "|"
                        + entry.code().format());
                seenArrays.addAll(List.of(entry.loginPassword(), entry.mkId(), entry.mkPassword()));
                return answer.apply(entry);
              }
            });
    await("the form to show", WAIT, () -> form.window().isShowing());
    return form;
  }

  private static void fill(SignUpForm form, SignUpField field, String text) {
    runOnEdt(() -> find(form.window(), field.componentName(), JTextComponent.class).setText(text));
  }

  private static void fillAll(SignUpForm form, String confirmation, String code) {
    fill(form, SignUpField.USERNAME, "alice@example.test");
    fill(form, SignUpField.LOGIN_PASSWORD, "login-pw");
    fill(form, SignUpField.MK_ID, "blue-harbour-7");
    fill(form, SignUpField.MK_PASSWORD, "correct horse 42");
    fill(form, SignUpField.MK_PASSWORD_CONFIRMATION, confirmation);
    fill(form, SignUpField.CODE, code);
    runOnEdt(
        () ->
            find(form.window(), SignUpField.FINGERPRINT_CONFIRMED.componentName(), JCheckBox.class)
                .setSelected(true));
  }

  private static void clickSignUp(SignUpForm form) {
    runOnEdt(() -> find(form.window(), SignUpForm.SIGN_UP, JButton.class).doClick());
  }

  private static String error(SignUpForm form, SignUpField field) {
    return onEdt(() -> find(form.window(), field.errorName(), JLabel.class).getText().strip());
  }

  private static int length(SignUpForm form, SignUpField field) {
    return onEdt(
        () ->
            find(form.window(), field.componentName(), JTextComponent.class)
                .getDocument()
                .getLength());
  }

  @Test
  void form_showsTheKdcAndItsFingerprintReadOnly() {
    SignUpForm form = open(e -> new SignUpResult.Failed("unused"));

    JTextArea fingerprint = find(form.window(), SignUpForm.FINGERPRINT, JTextArea.class);
    JTextField kdc = find(form.window(), SignUpForm.KDC, JTextField.class);
    assertThat(onEdt(() -> fingerprint.getText().replace("\n", ":")))
        .isEqualTo(FINGERPRINT.format());
    assertThat(onEdt(() -> fingerprint.isEditable() || kdc.isEditable())).isFalse();
    assertThat(onEdt(() -> kdc.getText())).isEqualTo("kdc.example.test:7750");
    Screenshots.inTarget().save(form.window(), "sign-up-form");
  }

  @Test
  void signUp_emptyForm_marksEveryFieldAndSendsNothing() {
    SignUpForm form = open(e -> new SignUpResult.Failed("unused"));

    clickSignUp(form);

    for (SignUpField field : SignUpField.values()) {
      if (field != SignUpField.MK_PASSWORD_CONFIRMATION) {
        assertThat(error(form, field)).as(field.name()).isNotEmpty();
      }
    }
    assertThat(seen).isEmpty();
    assertThat(form.outcome()).isNotDone();
    Screenshots.inTarget().save(form.window(), "sign-up-problems");
  }

  @Test
  void signUp_mismatchedConfirmationAndMalformedCode_shownUnderTheirFields() {
    SignUpForm form = open(e -> new SignUpResult.Failed("unused"));
    fillAll(form, "correct horse 43", "7KQ2-M9XD-A1B2");

    clickSignUp(form);

    assertThat(error(form, SignUpField.MK_PASSWORD_CONFIRMATION))
        .isEqualTo("the two master key passwords are not the same");
    assertThat(error(form, SignUpField.CODE)).contains("24 characters");
    assertThat(error(form, SignUpField.USERNAME)).isEmpty();
    assertThat(
            length(form, SignUpField.MK_PASSWORD)
                + length(form, SignUpField.MK_PASSWORD_CONFIRMATION))
        .isZero();
    assertThat(length(form, SignUpField.LOGIN_PASSWORD)).isPositive();
    assertThat(seen).isEmpty();
  }

  @Test
  void signUp_fingerprintNotConfirmed_sendsNothing() {
    SignUpForm form = open(e -> new SignUpResult.Failed("unused"));
    fillAll(form, "correct horse 42", SignUpValidationTest.CODE);
    runOnEdt(
        () ->
            find(form.window(), SignUpField.FINGERPRINT_CONFIRMED.componentName(), JCheckBox.class)
                .setSelected(false));

    clickSignUp(form);

    assertThat(error(form, SignUpField.FINGERPRINT_CONFIRMED)).contains("tick this box");
    assertThat(seen).isEmpty();
  }

  @Test
  void signUp_validForm_handsTheEntryOn_clearsEverything_andCloses() throws Exception {
    EnrollmentResult enrolled =
        new EnrollmentResult("alice@example.test", KDC, Path.of("client.store"));
    SignUpForm form = open(e -> new SignUpResult.Enrolled(enrolled));
    fillAll(form, "correct horse 42", SignUpValidationTest.CODE.toLowerCase());

    clickSignUp(form);

    assertThat(form.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS)).contains(enrolled);
    assertThat(seen)
        .containsExactly(
            "alice@example.test|login-pw|blue-harbour-7|correct horse 42|"
                + SignUpValidationTest.CODE);
    assertThat(seenArrays).allSatisfy(a -> assertThat(new String(a)).matches("\0+"));
    List<Integer> lengths = new ArrayList<>();
    for (SignUpField f : SignUpField.values()) {
      if (f != SignUpField.USERNAME && f != SignUpField.FINGERPRINT_CONFIRMED) {
        lengths.add(length(form, f));
      }
    }
    assertThat(lengths).containsOnly(0);
  }

  @Test
  void signUp_handlerRefuses_formStaysOpenWithTheMessage() {
    SignUpForm form = open(e -> new SignUpResult.Failed("the enrollment code is wrong"));
    fillAll(form, "correct horse 42", SignUpValidationTest.CODE);

    clickSignUp(form);

    await(
        "the refusal",
        WAIT,
        () ->
            find(form.window(), SignUpForm.RESULT, JLabel.class)
                .getText()
                .startsWith("the enrollment code is wrong"));
    assertThat(onEdt(() -> form.window().isShowing())).isTrue();
    assertThat(form.outcome()).isNotDone();
    assertThat(onEdt(() -> find(form.window(), SignUpForm.SIGN_UP, JButton.class).isEnabled()))
        .isTrue();
    Screenshots.inTarget().save(form.window(), "sign-up-refused");
  }

  @Test
  void cancel_closesWithNothing() throws Exception {
    SignUpForm form = open(e -> new SignUpResult.Failed("unused"));

    runOnEdt(() -> find(form.window(), SignUpForm.CANCEL, JButton.class).doClick());

    assertThat(form.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Optional.empty());
    assertThat(seen).isEmpty();
  }
}
