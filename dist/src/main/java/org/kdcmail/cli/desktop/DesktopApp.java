package org.kdcmail.cli.desktop;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.control.ControlClient;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.desktop.StatusWindow;

/**
 * The desktop app against a running gateway: the status window and tray, and one {@link PromptLoop}
 * per user whose token file this process can read (every enrolled user in the home, or the one
 * named). {@link #close()} stops the loops and the window.
 */
public final class DesktopApp implements AutoCloseable {

  private final StatusWindow window;
  private final List<PromptLoop> loops;

  private DesktopApp(StatusWindow window, List<PromptLoop> loops) {
    this.window = window;
    this.loops = List.copyOf(loops);
  }

  /**
   * Starts the app for {@code users} (empty: every user with a client store under {@code home}).
   *
   * @throws IOException no gateway runs for {@code home}, or no user is enrolled there
   * @throws IllegalStateException without a display
   */
  public static DesktopApp start(Path home, List<String> users) throws IOException {
    if (GraphicsEnvironment.isHeadless()) {
      throw new IllegalStateException(
          "the desktop app needs a display; use kdcmail unlock and kdcmail status in a terminal");
    }
    GatewayEndpoints endpoints = GatewayEndpoints.read(home);
    List<String> who = users.isEmpty() ? enrolled(home) : users;
    if (who.isEmpty()) {
      throw new IOException(
          "no user is enrolled in " + home + ": run kdcmail signup or kdcmail enroll first");
    }
    List<PromptLoop> loops = new ArrayList<>();
    for (String user : who) {
      ClientPaths.folderName(user);
      loops.add(
          PromptLoop.start(
              new PromptClient(
                  endpoints.http(),
                  user,
                  TokenFile.forUser(home, user).readOrCreate(new SecureRandom()))));
    }
    ControlClient control = ControlClient.to(endpoints.http(), Duration.ofSeconds(10));
    GatewayStatusSource source = new GatewayStatusSource(home, control, who);
    StatusWindow window = StatusWindow.show(source, source, Duration.ofSeconds(2));
    return new DesktopApp(window, loops);
  }

  /** The status window. */
  public StatusWindow window() {
    return window;
  }

  /** Blocks until the status window is closed (without a tray, closing it ends the app). */
  public void awaitClosed() throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    window
        .window()
        .addWindowListener(
            new java.awt.event.WindowAdapter() {
              @Override
              public void windowClosed(java.awt.event.WindowEvent e) {
                closed.countDown();
              }
            });
    closed.await();
  }

  @Override
  public void close() {
    loops.forEach(PromptLoop::close);
    window.close();
  }

  private static List<String> enrolled(Path home) throws IOException {
    Path users = new ClientPaths(home).home().resolve("users");
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(users)) {
      return out;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(users)) {
      for (Path folder : folders) {
        if (Files.exists(folder.resolve(ClientPaths.STORE_FILE))) {
          out.add(folder.getFileName().toString());
        }
      }
    }
    out.sort(null);
    return out;
  }
}
