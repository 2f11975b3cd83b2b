package org.kdcmail.testing.desktop;

import java.awt.AWTException;
import java.awt.Component;
import java.awt.Container;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import javax.swing.SwingUtilities;

/**
 * Drives Swing windows from a test thread: reads and changes components on the event dispatch
 * thread, finds them by {@link Component#getName() name}, waits for conditions, and types real key
 * strokes through {@link Robot} into the focused component.
 */
public final class SwingDriver {

  private final Robot robot;

  private SwingDriver(Robot robot) {
    this.robot = robot;
  }

  /** A driver with its own robot; needs a display. */
  public static SwingDriver create() {
    try {
      Robot robot = new Robot();
      robot.setAutoDelay(5);
      return new SwingDriver(robot);
    } catch (AWTException e) {
      throw new IllegalStateException("cannot drive the display: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code task} on the event dispatch thread (now, if already on it) and returns its result.
   */
  public static <T> T onEdt(Callable<T> task) {
    Object[] result = new Object[1];
    if (SwingUtilities.isEventDispatchThread()) {
      try {
        return task.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      SwingUtilities.invokeAndWait(
          () -> {
            try {
              result[0] = task.call();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("failed on the EDT: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    @SuppressWarnings("unchecked")
    T t = (T) result[0];
    return t;
  }

  /** Runs {@code task} on the event dispatch thread and waits for it. */
  public static void runOnEdt(Runnable task) {
    onEdt(
        () -> {
          task.run();
          return null;
        });
  }

  /**
   * The component named {@code name} inside {@code root} (searched depth first).
   *
   * @throws AssertionError if there is none or it has another type
   */
  public static <T extends Component> T find(Container root, String name, Class<T> type) {
    Component found =
        onEdt(() -> search(root, name))
            .orElseThrow(() -> new AssertionError("no component named '" + name + "'"));
    if (!type.isInstance(found)) {
      throw new AssertionError("'" + name + "' is a " + found.getClass().getName());
    }
    return type.cast(found);
  }

  /**
   * Waits until {@code condition}, evaluated on the event dispatch thread, holds.
   *
   * @throws AssertionError naming {@code what} after {@code timeout}
   */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!onEdt(condition::getAsBoolean)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      sleep(20);
    }
  }

  /** Focuses {@code component} and waits until it owns the focus. */
  public void focus(Component component) {
    runOnEdt(component::requestFocusInWindow);
    await(
        component.getName() + " to own the focus", Duration.ofSeconds(5), component::isFocusOwner);
  }

  /**
   * Types {@code text} as key strokes into the focused component. Supports letters, digits, space,
   * {@code -} and {@code .} (US keyboard layout, as Xvfb has by default).
   */
  public void type(String text) {
    for (char c : text.toCharArray()) {
      int code = keyCode(c);
      boolean shift = Character.isUpperCase(c);
      if (shift) {
        robot.keyPress(KeyEvent.VK_SHIFT);
      }
      robot.keyPress(code);
      robot.keyRelease(code);
      if (shift) {
        robot.keyRelease(KeyEvent.VK_SHIFT);
      }
    }
    robot.waitForIdle();
  }

  /** Presses and releases one key, e.g. {@link KeyEvent#VK_ENTER}. */
  public void press(int keyCode) {
    robot.keyPress(keyCode);
    robot.keyRelease(keyCode);
    robot.waitForIdle();
  }

  private static int keyCode(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
      return KeyEvent.VK_A + (Character.toLowerCase(c) - 'a');
    }
    if (c >= '0' && c <= '9') {
      return KeyEvent.VK_0 + (c - '0');
    }
    return switch (c) {
      case ' ' -> KeyEvent.VK_SPACE;
      case '-' -> KeyEvent.VK_MINUS;
      case '.' -> KeyEvent.VK_PERIOD;
      default -> throw new IllegalArgumentException("cannot type '" + c + "' with the robot");
    };
  }

  private static Optional<Component> search(Container root, String name) {
    if (name.equals(root.getName())) {
      return Optional.of(root);
    }
    for (Component child : root.getComponents()) {
      if (name.equals(child.getName())) {
        return Optional.of(child);
      }
      if (child instanceof Container container) {
        Optional<Component> found = search(container, name);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
