package org.kdcmail.plugin.desktop;

import java.awt.Color;
import java.awt.Cursor;
import java.awt.Dialog.ModalityType;
import java.awt.FlowLayout;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.WindowConstants;
import org.kdcmail.plugin.unlock.WrongMasterKeyException;

/**
 * The master-key prompt of core seed §3.3: fields MKey_ID and MKey_Pwd (neither echoed), buttons
 * Submit and Back. Submit hands the entry to an {@link MkEntryHandler} on a worker thread while the
 * buttons are disabled and a busy bar runs; a wrong entry shows {@value
 * WrongMasterKeyException#MESSAGE} in the dialog, which stays open with empty fields and the focus
 * back on MKey_ID. Back, Escape or closing the window cancel. The entry exists only as {@code
 * char[]} copies, zeroed after the check; the fields' documents are emptied when read.
 */
public final class MkPrompt {

  /** Component names, for tests and accessibility tools. */
  public static final String MK_ID = "MKey_ID";

  public static final String MK_PASSWORD = "MKey_Pwd";
  public static final String SUBMIT = "Submit";
  public static final String BACK = "Back";
  public static final String MESSAGE = "message";
  public static final String BUSY = "busy";

  /** What the prompt says about a forgotten MK password. */
  public static final String FORGOT =
      "Forgot it? Your administrator can issue a new enrollment (kdcmail admin rotate)";

  private final JDialog dialog;
  private final SecretField mkId = new SecretField(MK_ID, 22);
  private final SecretField mkPassword = new SecretField(MK_PASSWORD, 22);
  private final JButton submit = new JButton("Submit");
  private final JButton back = new JButton("Back");
  private final JLabel message = FormPanel.errorLabel(MESSAGE);
  private final JProgressBar busy = new JProgressBar();
  private final MkEntryHandler handler;
  private final CompletableFuture<PromptOutcome> outcome = new CompletableFuture<>();
  private boolean checking;

  private MkPrompt(Window owner, String user, MkEntryHandler handler) {
    this.handler = handler;
    dialog = new JDialog(owner, "kdcmail: unlock " + user);
    dialog.setName("mkPrompt");
    dialog.setModalityType(owner == null ? ModalityType.MODELESS : ModalityType.DOCUMENT_MODAL);
    dialog.setAlwaysOnTop(owner == null);
    dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    dialog.addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowClosing(WindowEvent e) {
            back();
          }

          @Override
          public void windowOpened(WindowEvent e) {
            mkId.component().requestFocusInWindow();
          }
        });
    dialog.setContentPane(layout(user));
    dialog.getRootPane().setDefaultButton(submit);
    dialog
        .getRootPane()
        .registerKeyboardAction(
            e -> back(),
            KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
            JComponent.WHEN_IN_FOCUSED_WINDOW);
    dialog.pack();
    dialog.setResizable(false);
    dialog.setLocationRelativeTo(owner);
  }

  /**
   * Builds the prompt for {@code user} and shows it; call from any thread. Modeless and on top
   * without an owner (the gateway asking), document-modal over {@code owner} otherwise.
   */
  public static MkPrompt show(Window owner, String user, MkEntryHandler handler) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(handler, "handler");
    MkPrompt prompt = EventThread.call(() -> new MkPrompt(owner, user, handler));
    SwingUtilities.invokeLater(() -> prompt.dialog.setVisible(true));
    return prompt;
  }

  /** Completes on the event dispatch thread when the prompt closes. */
  public CompletableFuture<PromptOutcome> outcome() {
    return outcome;
  }

  /** The dialog (to place it, or to capture it in tests). */
  public JDialog window() {
    return dialog;
  }

  /** Closes the prompt as cancelled unless it has already ended (e.g. the caller gave up). */
  public void dismiss() {
    SwingUtilities.invokeLater(() -> finish(PromptOutcome.CANCELLED));
  }

  private JPanel layout(String user) {
    busy.setName(BUSY);
    busy.setIndeterminate(true);
    busy.setVisible(false);
    submit.setName(SUBMIT);
    back.setName(BACK);
    submit.addActionListener(e -> submit());
    back.addActionListener(e -> back());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
    buttons.add(submit);
    buttons.add(back);
    FormPanel form =
        new FormPanel()
            .line(FormPanel.heading("Master key of " + user))
            .line(new JLabel("Enter your master key ID and password to unlock your mail."))
            .field("MKey_ID", mkId.component())
            .field("MKey_Pwd", mkPassword.component())
            .line(message)
            .line(busy)
            .line(FormPanel.note(FORGOT))
            .line(buttons);
    return form.component();
  }

  private void submit() {
    if (checking) {
      return;
    }
    if (mkId.isEmpty() || mkPassword.isEmpty()) {
      message.setText("enter both the master key ID and the password");
      (mkId.isEmpty() ? mkId : mkPassword).component().requestFocusInWindow();
      return;
    }
    setChecking(true);
    new Check(mkId.take(), mkPassword.take()).execute();
  }

  private void back() {
    if (!checking) {
      finish(PromptOutcome.CANCELLED);
    }
  }

  private void finish(PromptOutcome result) {
    mkId.clear();
    mkPassword.clear();
    dialog.dispose();
    outcome.complete(result);
  }

  private void setChecking(boolean on) {
    checking = on;
    submit.setEnabled(!on);
    back.setEnabled(!on);
    mkId.component().setEnabled(!on);
    mkPassword.component().setEnabled(!on);
    busy.setVisible(on);
    dialog.setCursor(on ? Cursor.getPredefinedCursor(Cursor.WAIT_CURSOR) : null);
    message.setForeground(on ? Color.DARK_GRAY : FormPanel.ERROR);
    if (on) {
      message.setText("checking…");
    }
  }

  private void showAgain(String text) {
    setChecking(false);
    message.setText(text);
    mkId.component().requestFocusInWindow();
  }

  /** One entry checked off the event dispatch thread; its arrays are zeroed afterwards. */
  private final class Check extends SwingWorker<MkEntryResult, Void> {
    private final char[] id;
    private final char[] password;

    Check(char[] id, char[] password) {
      this.id = id;
      this.password = password;
    }

    @Override
    protected MkEntryResult doInBackground() throws InterruptedException {
      try {
        return handler.submit(id, password);
      } finally {
        Arrays.fill(id, '\0');
        Arrays.fill(password, '\0');
      }
    }

    @Override
    protected void done() {
      if (outcome.isDone()) {
        return; // dismissed meanwhile
      }
      MkEntryResult result;
      try {
        result = get();
      } catch (ExecutionException e) {
        result = MkEntryResult.failed("cannot unlock: " + e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result = MkEntryResult.failed("cannot unlock: interrupted");
      }
      if (result instanceof MkEntryResult.Accepted) {
        finish(PromptOutcome.UNLOCKED);
      } else if (result instanceof MkEntryResult.Failed failed) {
        showAgain(failed.message());
      } else {
        showAgain(WrongMasterKeyException.MESSAGE);
      }
    }
  }
}
