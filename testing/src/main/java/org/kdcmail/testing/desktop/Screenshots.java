package org.kdcmail.testing.desktop;

import java.awt.AWTException;
import java.awt.Component;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Screenshots of on-screen components as test output: {@link #save} captures what the X server
 * shows inside a component's bounds (with {@link Robot}, so it is what a user would see, not a
 * repaint into a buffer), writes {@code <folder>/<name>.png}, and refuses a blank capture.
 */
public final class Screenshots {

  /** A capture is blank when one colour covers more than this share of its pixels. */
  public static final double MAX_BACKGROUND_SHARE = 0.98;

  private final Path folder;
  private final Robot robot;

  private Screenshots(Path folder, Robot robot) {
    this.folder = folder;
    this.robot = robot;
  }

  /** Screenshots under {@code target/screenshots} of the module under test. */
  public static Screenshots inTarget() {
    return in(Path.of("target", "screenshots"));
  }

  /** Screenshots under {@code folder}. */
  public static Screenshots in(Path folder) {
    try {
      return new Screenshots(folder, new Robot());
    } catch (AWTException e) {
      throw new IllegalStateException("cannot capture the screen: " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the event queue is idle, captures {@code component}'s on-screen bounds, saves them
   * as {@code name.png}, and checks the image is not blank. Call off the event dispatch thread.
   *
   * @throws AssertionError if the capture shows a single colour or nearly only background
   * @return the saved file
   */
  public Path save(Component component, String name) {
    robot.waitForIdle();
    Rectangle bounds = SwingDriver.onEdt(() -> onScreenBounds(component));
    BufferedImage image = robot.createScreenCapture(bounds);
    // The X server may paint a moment after Swing is idle: capture again, for up to 3 s, while
    // the image is still blank; a window that stays blank still fails below.
    for (int attempt = 0; attempt < 30 && isBlank(image); attempt++) {
      robot.delay(100);
      robot.waitForIdle();
      image = robot.createScreenCapture(bounds);
    }
    Path file = folder.resolve(name + ".png");
    try {
      Files.createDirectories(folder);
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    requireNonBlank(image, file.toString());
    return file;
  }

  /**
   * Fails unless {@code image} has more than one colour and its most common colour (the background)
   * covers at most {@link #MAX_BACKGROUND_SHARE} of it.
   */
  public static void requireNonBlank(BufferedImage image, String what) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        counts.merge(image.getRGB(x, y), 1, Integer::sum);
      }
    }
    int pixels = image.getWidth() * image.getHeight();
    int background = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (counts.size() < 2 || background > MAX_BACKGROUND_SHARE * pixels) {
      throw new AssertionError(
          what
              + " is blank: "
              + counts.size()
              + " colour(s), the most common covers "
              + (100L * background / Math.max(pixels, 1))
              + "% of "
              + pixels
              + " pixels");
    }
  }

  private static boolean isBlank(BufferedImage image) {
    try {
      requireNonBlank(image, "");
      return false;
    } catch (AssertionError e) {
      return true;
    }
  }

  private static Rectangle onScreenBounds(Component component) {
    if (!component.isShowing()) {
      throw new AssertionError(component.getName() + " is not showing; nothing to capture");
    }
    return new Rectangle(component.getLocationOnScreen(), component.getSize());
  }
}
