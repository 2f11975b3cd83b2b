package org.kdcmail.plugin.desktop;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.Timer;
import javax.swing.WindowConstants;

/**
 * A small window listing each user as locked or unlocked with the time left, refreshed every few
 * seconds from a {@link StatusSource}, with "Lock now" (the seed's Log Out) for the selected user,
 * or the only unlocked one. With a system tray ({@link StatusTray}) closing the window only hides
 * it; without one, closing ends it. Reads and locks run off the event dispatch thread.
 */
public final class StatusWindow {

  /** Component names, for tests and accessibility tools. */
  public static final String TABLE = "users";

  public static final String LOCK_NOW = "lockNow";
  public static final String MESSAGE = "statusMessage";

  private final JFrame frame = new JFrame("kdcmail status");
  private final StatusTableModel model = new StatusTableModel();
  private final JTable table = new JTable(model);
  private final JButton lockNow = new JButton("Lock now");
  private final JLabel message = new JLabel(" ");
  private final StatusSource source;
  private final LockHandler lock;
  private final Timer timer;
  private Optional<StatusTray> tray = Optional.empty();
  private boolean refreshing;

  private StatusWindow(StatusSource source, LockHandler lock, Duration refreshEvery) {
    this.source = source;
    this.lock = lock;
    timer = new Timer((int) refreshEvery.toMillis(), e -> refreshNow());
    frame.setName("statusWindow");
    frame.setContentPane(layout());
    frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    frame.addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowClosing(WindowEvent e) {
            if (tray.isPresent()) {
              frame.setVisible(false);
            } else {
              close();
            }
          }
        });
    frame.pack();
  }

  /**
   * Builds the window, adds the tray icon where the desktop has a tray, shows the window and starts
   * refreshing; call from any thread.
   */
  public static StatusWindow show(StatusSource source, LockHandler lock, Duration refreshEvery) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(lock, "lock");
    if (refreshEvery.isNegative() || refreshEvery.toMillis() < 100) {
      throw new IllegalArgumentException("refresh at most every 100 ms, got " + refreshEvery);
    }
    StatusWindow window = EventThread.call(() -> new StatusWindow(source, lock, refreshEvery));
    SwingUtilities.invokeLater(
        () -> {
          window.tray = StatusTray.install(window);
          window.frame.setVisible(true);
          window.timer.start();
          window.refreshNow();
        });
    return window;
  }

  /** The frame. */
  public JFrame window() {
    return frame;
  }

  /** Shows the window again (after it was hidden to the tray). */
  public void reveal() {
    SwingUtilities.invokeLater(
        () -> {
          frame.setVisible(true);
          frame.toFront();
        });
  }

  /** Reads the source now instead of at the next tick; call from any thread. */
  public void refresh() {
    SwingUtilities.invokeLater(this::refreshNow);
  }

  /** Stops refreshing, removes the tray icon and disposes the window. */
  public void close() {
    SwingUtilities.invokeLater(
        () -> {
          timer.stop();
          tray.ifPresent(StatusTray::remove);
          frame.dispose();
        });
  }

  private JPanel layout() {
    table.setName(TABLE);
    table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    table.getSelectionModel().addListSelectionListener(e -> updateLockButton());
    table.setFillsViewportHeight(true);
    table.setPreferredScrollableViewportSize(new Dimension(420, 90));
    lockNow.setName(LOCK_NOW);
    lockNow.setEnabled(false);
    lockNow.addActionListener(e -> lockTarget().ifPresent(this::lockNow));
    message.setName(MESSAGE);
    JPanel bottom = new JPanel(new BorderLayout(8, 0));
    bottom.add(message, BorderLayout.CENTER);
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 0, 0));
    buttons.add(lockNow);
    bottom.add(buttons, BorderLayout.EAST);
    JPanel panel = new JPanel(new BorderLayout(0, 8));
    panel.setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
    panel.add(new JScrollPane(table), BorderLayout.CENTER);
    panel.add(bottom, BorderLayout.SOUTH);
    return panel;
  }

  /** The selected user if unlocked, else the only unlocked user. */
  private Optional<String> lockTarget() {
    int selected = table.getSelectedRow();
    if (selected >= 0) {
      UserStatus user = model.row(table.convertRowIndexToModel(selected));
      return user.unlocked() ? Optional.of(user.user()) : Optional.empty();
    }
    List<UserStatus> unlocked = model.rows().stream().filter(UserStatus::unlocked).toList();
    return unlocked.size() == 1 ? Optional.of(unlocked.get(0).user()) : Optional.empty();
  }

  private void updateLockButton() {
    Optional<String> target = lockTarget();
    lockNow.setEnabled(target.isPresent());
    lockNow.setToolTipText(target.map(u -> "Lock " + u + " now").orElse(null));
  }

  private void refreshNow() {
    if (refreshing) {
      return;
    }
    refreshing = true;
    new SwingWorker<List<UserStatus>, Void>() {
      @Override
      protected List<UserStatus> doInBackground() throws IOException {
        return source.current();
      }

      @Override
      protected void done() {
        refreshing = false;
        try {
          display(get());
        } catch (ExecutionException e) {
          message.setText("cannot read the status: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }.execute();
  }

  private void display(List<UserStatus> users) {
    String selected = table.getSelectedRow() < 0 ? null : model.row(table.getSelectedRow()).user();
    model.set(users);
    for (int i = 0; i < users.size(); i++) {
      if (users.get(i).user().equals(selected)) {
        table.setRowSelectionInterval(i, i);
      }
    }
    updateLockButton();
    long unlocked = users.stream().filter(UserStatus::unlocked).count();
    message.setText(
        unlocked
            + " of "
            + users.size()
            + " unlocked, at "
            + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
    tray.ifPresent(t -> t.update(users));
  }

  private void lockNow(String user) {
    lockNow.setEnabled(false);
    new SwingWorker<Void, Void>() {
      @Override
      protected Void doInBackground() throws IOException {
        lock.lockNow(user);
        return null;
      }

      @Override
      protected void done() {
        try {
          get();
          message.setText("locked " + user);
        } catch (ExecutionException e) {
          message.setText("cannot lock " + user + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        refreshNow();
      }
    }.execute();
  }
}
