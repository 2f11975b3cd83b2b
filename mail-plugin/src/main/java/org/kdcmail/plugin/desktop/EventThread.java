package org.kdcmail.plugin.desktop;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import javax.swing.SwingUtilities;

/** Builds Swing objects on the event dispatch thread, whichever thread asks. */
final class EventThread {

  private EventThread() {}

  /** {@code task}'s result, computed on the event dispatch thread. */
  static <T> T call(Callable<T> task) {
    if (SwingUtilities.isEventDispatchThread()) {
      return callHere(task);
    }
    Object[] result = new Object[1];
    try {
      SwingUtilities.invokeAndWait(() -> result[0] = callHere(task));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building a window", e);
    }
    @SuppressWarnings("unchecked")
    T t = (T) result[0];
    return t;
  }

  private static <T> T callHere(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
