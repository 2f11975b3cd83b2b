package org.kdcmail.plugin.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.testing.desktop.SwingDriver.await;
import static org.kdcmail.testing.desktop.SwingDriver.find;
import static org.kdcmail.testing.desktop.SwingDriver.onEdt;
import static org.kdcmail.testing.desktop.SwingDriver.runOnEdt;

import java.awt.Window;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kdcmail.testing.RequiresProgram;
import org.kdcmail.testing.desktop.RequiresDisplay;
import org.kdcmail.testing.desktop.Screenshots;

/**
 * The status window on a real (virtual) display, fed by an in-memory source that stands for the
 * gateway's {@code /status} and a lock handler that locks in it.
 */
@RequiresProgram(value = "Xvfb", debianPackage = "xvfb")
@RequiresDisplay
class StatusWindowGuiTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";

  /** What the "gateway" reports; null means it is unreachable. */
  private final AtomicReference<List<UserStatus>> gateway =
      new AtomicReference<>(
          List.of(UserStatus.unlocked(ALICE, Duration.ofSeconds(270)), UserStatus.locked(BOB)));

  private final List<String> locked = new CopyOnWriteArrayList<>();
  private StatusWindow window;

  private StatusWindow open() {
    window =
        StatusWindow.show(
            () -> {
              List<UserStatus> users = gateway.get();
              if (users == null) {
                throw new IOException("connection refused");
              }
              return users;
            },
            user -> {
              locked.add(user);
              gateway.updateAndGet(
                  users ->
                      users.stream()
                          .map(u -> u.user().equals(user) ? UserStatus.locked(user) : u)
                          .toList());
            },
            Duration.ofMillis(200));
    await("the window to show", WAIT, () -> window.window().isShowing());
    return window;
  }

  @AfterEach
  void closeWindows() {
    runOnEdt(
        () -> {
          for (Window w : Window.getWindows()) {
            w.dispose();
          }
        });
  }

  private JTable table() {
    return find(window.window(), StatusWindow.TABLE, JTable.class);
  }

  private String cell(int row, int column) {
    return onEdt(() -> String.valueOf(table().getValueAt(row, column)));
  }

  private String message() {
    return onEdt(() -> find(window.window(), StatusWindow.MESSAGE, JLabel.class).getText());
  }

  @Test
  void show_listsEachUserWithStateAndTimeLeft() {
    open();

    await("two rows", WAIT, () -> table().getRowCount() == 2);
    assertThat(List.of(cell(0, 0), cell(0, 1), cell(0, 2)))
        .containsExactly(ALICE, "unlocked", "4 min 30 s");
    assertThat(List.of(cell(1, 0), cell(1, 1), cell(1, 2))).containsExactly(BOB, "locked", "-");
    assertThat(message()).startsWith("1 of 2 unlocked");
    Screenshots.inTarget().save(window.window(), "status-window");
  }

  @Test
  void lockNow_locksTheSelectedUser_andTheWindowShowsItLocked() {
    open();
    await("two rows", WAIT, () -> table().getRowCount() == 2);
    JButton lockNow = find(window.window(), StatusWindow.LOCK_NOW, JButton.class);

    runOnEdt(() -> table().setRowSelectionInterval(0, 0));
    assertThat(onEdt(lockNow::isEnabled)).isTrue();
    runOnEdt(lockNow::doClick);

    await("alice shown locked", WAIT, () -> "locked".equals(table().getValueAt(0, 1)));
    assertThat(locked).containsExactly(ALICE);
    assertThat(onEdt(lockNow::isEnabled)).isFalse();
  }

  @Test
  void lockNow_noUnlockedUserSelected_isDisabled() {
    open();
    await("two rows", WAIT, () -> table().getRowCount() == 2);
    JButton lockNow = find(window.window(), StatusWindow.LOCK_NOW, JButton.class);

    runOnEdt(() -> table().setRowSelectionInterval(1, 1));

    assertThat(onEdt(lockNow::isEnabled)).isFalse();
    runOnEdt(lockNow::doClick);
    assertThat(locked).isEmpty();
  }

  @Test
  void refresh_everyFewSeconds_picksUpChangesAndSurvivesAnUnreachableSource() {
    open();
    await("two rows", WAIT, () -> table().getRowCount() == 2);

    gateway.set(null);
    await(
        "the error", WAIT, () -> message().contains("cannot read the status: connection refused"));

    gateway.set(List.of(UserStatus.unlocked(BOB, Duration.ofMinutes(65))));
    await("bob alone, unlocked", WAIT, () -> table().getRowCount() == 1);
    assertThat(List.of(cell(0, 0), cell(0, 2))).containsExactly(BOB, "1 h 05 min");
    assertThat(message()).startsWith("1 of 1 unlocked");
  }
}
