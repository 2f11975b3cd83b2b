package org.kdcmail.cli.desktop;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.kdcmail.plugin.desktop.MkPrompt;
import org.kdcmail.plugin.desktop.PromptOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one user's prompt registered with the gateway: long-polls {@code /prompt/next} and, when
 * the gateway asks, shows the {@link MkPrompt} (modeless, on top) and waits until the user unlocks
 * or goes back. An unreachable gateway is retried every few seconds. Runs on its own daemon thread
 * until {@link #close()}.
 */
public final class PromptLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PromptLoop.class);

  /** Each long poll's wait. */
  public static final Duration POLL = Duration.ofSeconds(25);

  private final PromptClient client;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile MkPrompt showing;

  private PromptLoop(PromptClient client) {
    this.client = client;
    this.thread = new Thread(this::run, "kdcmail-prompt-" + client.user());
    thread.setDaemon(true);
  }

  /** Starts polling for {@code client}'s user. */
  public static PromptLoop start(PromptClient client) {
    PromptLoop loop = new PromptLoop(client);
    loop.thread.start();
    return loop;
  }

  private void run() {
    while (running) {
      try {
        Optional<String> asked = client.next(POLL);
        if (asked.isPresent()) {
          ask();
        }
      } catch (IOException e) {
        LOG.warn("prompt for {}: {}; retrying", client.user(), e.getMessage());
        pause();
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        LOG.warn("prompt for {} failed: {}", client.user(), e.toString());
        pause();
      }
    }
  }

  private void ask() throws Exception {
    LOG.info("the gateway asks for the master key of {}", client.user());
    MkPrompt prompt = MkPrompt.show(null, client.user(), client::unlock);
    showing = prompt;
    try {
      PromptOutcome outcome = prompt.outcome().get();
      LOG.info("prompt for {}: {}", client.user(), outcome);
    } finally {
      showing = null;
    }
  }

  private void pause() {
    try {
      TimeUnit.SECONDS.sleep(3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    MkPrompt p = showing;
    if (p != null) {
      p.dismiss();
    }
    thread.interrupt();
  }
}
