package org.kdcmail.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error for long work. On a terminal it redraws one line; otherwise
 * (logs, CI) it prints a line at every tenth of the work, so logs stay short.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final String label;
  private final long total;
  private final boolean interactive;
  private int lastShown = -1;

  ProgressBar(PrintStream err, String label, long total, boolean interactive) {
    if (total <= 0) {
      throw new IllegalArgumentException("total must be positive");
    }
    this.err = err;
    this.label = label;
    this.total = total;
    this.interactive = interactive;
  }

  /** A bar on {@code System.err}, redrawn in place when a terminal is attached. */
  static ProgressBar onStandardError(String label, long total) {
    return new ProgressBar(System.err, label, total, System.console() != null);
  }

  /** Reports that {@code done} of the total units are finished. */
  void update(long done) {
    int percent = (int) Math.min(100, done * 100 / total);
    int step = interactive ? percent : percent / 10 * 10;
    if (step == lastShown) {
      return;
    }
    lastShown = step;
    int filled = percent * WIDTH / 100;
    String line =
        String.format(
            Locale.ROOT,
            "%-22s [%s%s] %3d%%  %s / %s",
            label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            percent,
            ByteCount.format(done),
            ByteCount.format(total));
    if (interactive) {
      err.print("\r" + line + (percent == 100 ? "\n" : ""));
    } else {
      err.println(line);
    }
    err.flush();
  }
}
