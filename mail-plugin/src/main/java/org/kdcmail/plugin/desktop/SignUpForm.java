package org.kdcmail.plugin.desktop;

import java.awt.Color;
import java.awt.Cursor;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.UIManager;
import javax.swing.WindowConstants;
import org.kdcmail.plugin.enroll.EnrollmentResult;

/**
 * The sign-up form of core seed §3.3: username (full address), login password, MK_ID, MK_Pass and
 * its confirmation, the enrollment code, and the KDC's address and fingerprint shown read-only for
 * the user to compare with what the admin handed out ("the fingerprint matches" must be ticked).
 * Problems show under their field before anything is sent; then a {@link SignUpHandler} enrolls on
 * a worker thread. Secrets are read as {@code char[]} and the fields emptied when submitted.
 */
public final class SignUpForm {

  /** Component names, for tests and accessibility tools. */
  public static final String SIGN_UP = "signUp";

  public static final String CANCEL = "cancel";
  public static final String RESULT = "result";
  public static final String BUSY = "busy";
  public static final String KDC = "kdc";
  public static final String FINGERPRINT = "fingerprint";

  /** What the form says about forgetting the master key ID or password. */
  public static final String REMEMBER =
      "Remember your master key ID and password: nobody can recover them. If you forget them,"
          + " your administrator can issue a new enrollment (kdcmail admin rotate).";

  private final JDialog dialog;
  private final SignUpHandler handler;
  private final JTextField username = new JTextField(26);
  private final SecretField login = secret(SignUpField.LOGIN_PASSWORD);
  private final SecretField mkId = secret(SignUpField.MK_ID);
  private final SecretField mkPassword = secret(SignUpField.MK_PASSWORD);
  private final SecretField mkConfirmation = secret(SignUpField.MK_PASSWORD_CONFIRMATION);
  private final SecretField code = secret(SignUpField.CODE);
  private final JCheckBox fingerprintMatches =
      new JCheckBox(SignUpField.FINGERPRINT_CONFIRMED.label());
  private final Map<SignUpField, JLabel> errors = new EnumMap<>(SignUpField.class);
  private final JLabel result = FormPanel.errorLabel(RESULT);
  private final JProgressBar busy = new JProgressBar();
  private final JButton signUp = new JButton("Sign Up");
  private final JButton cancel = new JButton("Cancel");
  private final CompletableFuture<Optional<EnrollmentResult>> outcome = new CompletableFuture<>();
  private boolean enrolling;

  private SignUpForm(Window owner, SignUpHandler handler) {
    this.handler = handler;
    dialog = new JDialog(owner, "kdcmail: sign up");
    dialog.setName("signUpForm");
    dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    dialog.addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowClosing(WindowEvent e) {
            cancel();
          }
        });
    dialog.setContentPane(layout());
    dialog.getRootPane().setDefaultButton(signUp);
    dialog.pack();
    dialog.setLocationRelativeTo(owner);
  }

  /** Builds the form and shows it (modeless); call from any thread. */
  public static SignUpForm show(Window owner, SignUpHandler handler) {
    Objects.requireNonNull(handler, "handler");
    SignUpForm form = EventThread.call(() -> new SignUpForm(owner, handler));
    SwingUtilities.invokeLater(() -> form.dialog.setVisible(true));
    return form;
  }

  /** Completes when the form closes: the enrollment, or empty when cancelled. */
  public CompletableFuture<Optional<EnrollmentResult>> outcome() {
    return outcome;
  }

  /** The dialog. */
  public JDialog window() {
    return dialog;
  }

  private JPanel layout() {
    username.setName(SignUpField.USERNAME.componentName());
    fingerprintMatches.setName(SignUpField.FINGERPRINT_CONFIRMED.componentName());
    busy.setName(BUSY);
    busy.setIndeterminate(true);
    busy.setVisible(false);
    signUp.setName(SIGN_UP);
    cancel.setName(CANCEL);
    signUp.addActionListener(e -> signUp());
    cancel.addActionListener(e -> cancel());
    FormPanel form =
        new FormPanel()
            .line(FormPanel.heading("Sign up for confidential mail"))
            .field("KDC", readOnly(KDC, handler.kdc().toString()))
            .field("KDC fingerprint", fingerprintText())
            .under(fingerprintMatches);
    form.under(error(SignUpField.FINGERPRINT_CONFIRMED));
    form.field(SignUpField.USERNAME.label(), username).under(error(SignUpField.USERNAME));
    for (SecretField field : new SecretField[] {login, mkId, mkPassword, mkConfirmation, code}) {
      SignUpField which = fieldOf(field);
      form.field(which.label(), field.component()).under(error(which));
    }
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
    buttons.add(signUp);
    buttons.add(cancel);
    return form.line(FormPanel.note(REMEMBER)).line(result).line(busy).line(buttons).component();
  }

  private JComponent fingerprintText() {
    String formatted = handler.fingerprint().format();
    JTextArea text = new JTextArea(formatted.substring(0, 39) + "\n" + formatted.substring(40));
    text.setName(FINGERPRINT);
    text.setEditable(false);
    text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, text.getFont().getSize()));
    text.setBackground(dialogBackground());
    return text;
  }

  private void signUp() {
    if (enrolling) {
      return;
    }
    SignUpInput input = readInput();
    Map<SignUpField, String> problems = SignUpValidation.problems(input);
    showProblems(problems);
    if (!problems.isEmpty()) {
      input.clear();
      if (problems.containsKey(SignUpField.MK_PASSWORD_CONFIRMATION)) {
        mkPassword.clear();
        mkConfirmation.clear();
      }
      result.setText("nothing was sent: correct the marked fields");
      component(problems.keySet().iterator().next()).requestFocusInWindow();
      return;
    }
    SignUpEntry entry =
        new SignUpEntry(
            input.username().strip(),
            input.loginPassword(),
            input.mkId(),
            input.mkPassword(),
            SignUpValidation.parseCode(input.code()));
    Arrays.fill(input.mkPasswordConfirmation(), '\0');
    Arrays.fill(input.code(), '\0');
    for (SecretField field : new SecretField[] {login, mkId, mkPassword, mkConfirmation, code}) {
      field.clear();
    }
    setEnrolling(true);
    new Enroll(entry).execute();
  }

  private SignUpInput readInput() {
    return new SignUpInput(
        username.getText(),
        login.peek(),
        mkId.peek(),
        mkPassword.peek(),
        mkConfirmation.peek(),
        code.peek(),
        fingerprintMatches.isSelected());
  }

  private void showProblems(Map<SignUpField, String> problems) {
    errors.forEach((field, label) -> label.setText(problems.getOrDefault(field, " ")));
    dialog.pack();
  }

  private void cancel() {
    if (!enrolling) {
      finish(Optional.empty());
    }
  }

  private void finish(Optional<EnrollmentResult> enrolled) {
    for (SecretField field : new SecretField[] {login, mkId, mkPassword, mkConfirmation, code}) {
      field.clear();
    }
    dialog.dispose();
    outcome.complete(enrolled);
  }

  private void setEnrolling(boolean on) {
    enrolling = on;
    signUp.setEnabled(!on);
    cancel.setEnabled(!on);
    busy.setVisible(on);
    dialog.setCursor(on ? Cursor.getPredefinedCursor(Cursor.WAIT_CURSOR) : null);
    result.setText(on ? "enrolling with the KDC…" : " ");
  }

  private JLabel error(SignUpField field) {
    return errors.computeIfAbsent(field, f -> FormPanel.errorLabel(f.errorName()));
  }

  private JComponent component(SignUpField field) {
    return switch (field) {
      case USERNAME -> username;
      case FINGERPRINT_CONFIRMED -> fingerprintMatches;
      default -> secretOf(field).component();
    };
  }

  private SecretField secretOf(SignUpField field) {
    return switch (field) {
      case LOGIN_PASSWORD -> login;
      case MK_ID -> mkId;
      case MK_PASSWORD -> mkPassword;
      case MK_PASSWORD_CONFIRMATION -> mkConfirmation;
      case CODE -> code;
      default -> throw new IllegalArgumentException(field + " is not a secret field");
    };
  }

  private SignUpField fieldOf(SecretField field) {
    for (SignUpField f : SignUpField.values()) {
      if (f.componentName().equals(field.component().getName())) {
        return f;
      }
    }
    throw new IllegalStateException("unnamed field");
  }

  private static SecretField secret(SignUpField field) {
    return new SecretField(field.componentName(), 26);
  }

  private static JTextField readOnly(String name, String text) {
    JTextField field = new JTextField(text);
    field.setName(name);
    field.setEditable(false);
    return field;
  }

  private static Color dialogBackground() {
    Color panel = UIManager.getColor("Panel.background");
    return panel != null ? panel : Color.LIGHT_GRAY;
  }

  /** One enrollment off the event dispatch thread; the entry is cleared afterwards. */
  private final class Enroll extends SwingWorker<SignUpResult, Void> {
    private final SignUpEntry entry;

    Enroll(SignUpEntry entry) {
      this.entry = entry;
    }

    @Override
    protected SignUpResult doInBackground() throws InterruptedException {
      try {
        return handler.submit(entry);
      } finally {
        entry.clear();
      }
    }

    @Override
    protected void done() {
      SignUpResult outcome;
      try {
        outcome = get();
      } catch (ExecutionException e) {
        outcome = new SignUpResult.Failed("enrollment failed: " + e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = new SignUpResult.Failed("enrollment failed: interrupted");
      }
      if (outcome instanceof SignUpResult.Enrolled enrolled) {
        finish(Optional.of(enrolled.result()));
      } else {
        setEnrolling(false);
        result.setText(
            ((SignUpResult.Failed) outcome).message() + " (type the passwords and the code again)");
        login.component().requestFocusInWindow();
      }
    }
  }
}
