package org.kdcmail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kdcmail.cli.desktop.DesktopApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kdcmail desktop [--user U]}: the status window and tray fed by the running gateway, and
 * the MK prompt the gateway asks for when a message needs a locked key (docs/desktop.md).
 */
@Command(
    name = "desktop",
    mixinStandardHelpOptions = true,
    description =
        "Status window, tray and on-demand MK prompt for the running gateway (needs a display).")
final class DesktopCommand implements Callable<Integer> {

  @ParentCommand private KdcmailCommand parent;

  @Option(
      names = "--user",
      paramLabel = "USER",
      description = "Prompt for this user (repeatable; default: every user enrolled in the home).")
  private List<String> users = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    try (DesktopApp app = DesktopApp.start(parent.home().path(), users)) {
      app.awaitClosed();
    }
    return 0;
  }
}
