package org.kdcmail.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a server command running until Ctrl-C (SIGINT) or SIGTERM, then lets it close its servers
 * itself and exit with status 0 (the JVM's default handling would exit 130 or 143). Any other way
 * the JVM shuts down still closes the servers, through a shutdown hook.
 */
final class StopSignal {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

  private StopSignal() {}

  /** Blocks until SIGINT or SIGTERM, then closes {@code servers} (also closed on JVM shutdown). */
  static void awaitThenClose(AutoCloseable servers) throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : new String[] {"INT", "TERM"}) {
      handle(name, stop);
    }
    Thread hook = new Thread(() -> closeQuietly(servers), "kdcmail-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stop.await();
    } finally {
      servers.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs and finds everything closed
      }
    }
  }

  /** sun.misc.Signal: the JDK's only way to exit 0 on Ctrl-C (javac warns about it). */
  private static void handle(String name, CountDownLatch stop) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.countDown());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // this platform does not let the signal be caught: the shutdown hook still closes cleanly
      LOG.debug("SIG{} cannot be handled here: {}", name, e.getMessage());
    }
  }

  private static void closeQuietly(AutoCloseable servers) {
    try {
      servers.close();
    } catch (Exception e) {
      LOG.warn("error while shutting down: {}", e.getMessage());
    }
  }
}
