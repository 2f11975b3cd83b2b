package org.kdcmail.testing.desktop;

import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.kdcmail.testing.RequiredProgramsCondition;

/**
 * Evaluates {@link RequiresDisplay}. Reads {@code DISPLAY} and asks AWT whether it is headless,
 * which loads AWT but opens no connection, so it is safe before any window exists.
 */
public final class DisplayCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String display = System.getenv("DISPLAY");
    String problem = null;
    if (display == null || display.isBlank()) {
      problem =
          "no DISPLAY: run this test through testing/xvfb/bin/java (the module's surefire or"
              + " failsafe <jvm>), which starts Xvfb";
    } else if (GraphicsEnvironment.isHeadless()) {
      problem =
          "AWT is headless although DISPLAY="
              + display
              + " (java.awt.headless=true, or a JDK without X11 AWT: install openjdk-17-jre,"
              + " not only -headless)";
    }
    if (problem == null) {
      return ConditionEvaluationResult.enabled("display " + display);
    }
    String reason = problem + " for " + context.getDisplayName();
    if ("1".equals(System.getenv(RequiredProgramsCondition.REQUIRE_ALL))) {
      throw new IllegalStateException(
          reason + ", and " + RequiredProgramsCondition.REQUIRE_ALL + "=1 forbids skipping");
    }
    System.err.println("SKIPPED: " + reason);
    return ConditionEvaluationResult.disabled(reason);
  }
}
