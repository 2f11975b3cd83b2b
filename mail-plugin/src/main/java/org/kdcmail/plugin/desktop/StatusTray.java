package org.kdcmail.plugin.desktop;

import java.awt.AWTException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * The status window's tray icon, where the desktop has a system tray: a padlock, green while any
 * user is unlocked, grey otherwise; its tooltip counts the unlocked users; clicking it (or "Show
 * status") shows the window.
 */
final class StatusTray {

  private static final Color UNLOCKED = new Color(0x2E, 0x7D, 0x32);
  private static final Color LOCKED = Color.GRAY;

  private final SystemTray tray;
  private final TrayIcon icon;

  private StatusTray(SystemTray tray, TrayIcon icon) {
    this.tray = tray;
    this.icon = icon;
  }

  /** Adds the icon for {@code window}; empty when there is no tray. */
  static Optional<StatusTray> install(StatusWindow window) {
    if (!SystemTray.isSupported()) {
      return Optional.empty();
    }
    SystemTray tray = SystemTray.getSystemTray();
    PopupMenu menu = new PopupMenu();
    MenuItem show = new MenuItem("Show status");
    show.addActionListener(e -> window.reveal());
    menu.add(show);
    TrayIcon icon = new TrayIcon(padlock(LOCKED), "kdcmail", menu);
    icon.setImageAutoSize(true);
    icon.addActionListener(e -> window.reveal());
    try {
      tray.add(icon);
      return Optional.of(new StatusTray(tray, icon));
    } catch (AWTException e) {
      return Optional.empty(); // the tray went away: the window alone will do
    }
  }

  void update(List<UserStatus> users) {
    long unlocked = users.stream().filter(UserStatus::unlocked).count();
    icon.setImage(padlock(unlocked > 0 ? UNLOCKED : LOCKED));
    icon.setToolTip("kdcmail: " + unlocked + " of " + users.size() + " unlocked");
  }

  void remove() {
    tray.remove(icon);
  }

  private static BufferedImage padlock(Color colour) {
    BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(colour);
    g.setStroke(new BasicStroke(2f));
    g.drawArc(4, 1, 8, 10, 0, 180);
    g.drawLine(4, 6, 4, 8);
    g.drawLine(12, 6, 12, 8);
    g.fillRoundRect(2, 7, 12, 8, 3, 3);
    g.dispose();
    return image;
  }
}
